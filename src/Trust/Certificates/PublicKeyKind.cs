namespace Trust.Certificates;

/// <summary>The public key algorithm and size of a certificate or key.</summary>
/// <param name="Algorithm">"ECDSA", "RSA", "Ed25519" or the algorithm OID when unknown.</param>
/// <param name="Curve">"P-256", "P-384", "P-521", another curve OID, or null for non-EC keys.</param>
/// <param name="Bits">Key size in bits (curve size for EC, modulus size for RSA).</param>
public sealed record PublicKeyKind(string Algorithm, string? Curve, int Bits)
{
    /// <summary>True for ECDSA on P-256, the only issuer key Linkerd accepts.</summary>
    public bool IsEcP256 => Algorithm == "ECDSA" && Curve == "P-256";

    /// <inheritdoc />
    public override string ToString() => Curve is null ? $"{Algorithm} {Bits}" : $"{Algorithm} {Curve}";
}
