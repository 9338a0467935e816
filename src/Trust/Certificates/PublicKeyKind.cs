namespace Trust.Certificates;

/// <summary>The public key algorithm and size of a certificate or key.</summary>
/// <param name="Algorithm">The algorithm family.</param>
/// <param name="Curve">The named curve for ECDSA keys; <see cref="EllipticCurve.None"/> otherwise.</param>
/// <param name="Bits">Key size in bits (curve size for EC, modulus size for RSA).</param>
public sealed record PublicKeyKind(PublicKeyAlgorithm Algorithm, EllipticCurve Curve, int Bits)
{
    /// <summary>The algorithm OID when <see cref="Algorithm"/> is <see cref="PublicKeyAlgorithm.Unknown"/>, else null.</summary>
    public string? AlgorithmOid { get; init; }

    /// <summary>The curve OID (or "explicit parameters") when <see cref="Curve"/> is <see cref="EllipticCurve.Other"/>, else null.</summary>
    public string? CurveOid { get; init; }

    /// <summary>True for ECDSA on P-256, the only issuer key Linkerd accepts.</summary>
    public bool IsEcdsaP256 => Algorithm == PublicKeyAlgorithm.Ecdsa && Curve == EllipticCurve.P256;

    /// <summary>The algorithm's display name: <c>ECDSA</c>, <c>RSA</c>, <c>Ed25519</c>, or the OID.</summary>
    public string AlgorithmName => Algorithm switch
    {
        PublicKeyAlgorithm.Ecdsa => "ECDSA",
        PublicKeyAlgorithm.Rsa => "RSA",
        PublicKeyAlgorithm.Ed25519 => "Ed25519",
        _ => AlgorithmOid ?? "unknown",
    };

    /// <summary>The curve's display name (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>, or the OID), or null for non-EC keys.</summary>
    public string? CurveName => Curve switch
    {
        EllipticCurve.P256 => "P-256",
        EllipticCurve.P384 => "P-384",
        EllipticCurve.P521 => "P-521",
        EllipticCurve.Other => CurveOid ?? "unknown curve",
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => CurveName is { } curve ? $"{AlgorithmName} {curve}" : $"{AlgorithmName} {Bits}";
}
