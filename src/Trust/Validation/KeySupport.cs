using Trust.Certificates;

namespace Trust.Validation;

/// <summary>
/// The subject keys a chain may carry, in every position including the leaf: the keys Go's crypto/x509 can parse
/// (ECDSA on P-224, P-256, P-384 or P-521 with a point on the curve, RSA, Ed25519), except that RSA keys under 1024
/// bits are refused, as Go 1.24 and later refuse them. Go refuses the other curves (P-192, brainpool, explicit
/// parameters) when it parses the certificate, so Linkerd could not even load such a certificate.
/// </summary>
internal static class KeySupport
{
    /// <summary>The smallest RSA modulus accepted.</summary>
    public const int MinimumRsaBits = 1024;

    /// <summary>Why <paramref name="certificate"/>'s key is not usable, or null.</summary>
    public static string? Problem(CertificateInfo certificate)
    {
        var key = certificate.PublicKey;
        var problem = key.Algorithm switch
        {
            PublicKeyAlgorithm.Ecdsa when key.Curve == EllipticCurve.Other && key.CurveOid != Oids.CurveP224 =>
                $"an ECDSA key on {CurveName(key)}; supported curves are P-224, P-256, P-384 and P-521",
            PublicKeyAlgorithm.Rsa when key.Bits < MinimumRsaBits => $"an RSA key of {key.Bits} bits; at least {MinimumRsaBits} are needed",
            PublicKeyAlgorithm.Ecdsa or PublicKeyAlgorithm.Rsa when !SignatureCheck.HasUsableKey(certificate) => $"a malformed {key.AlgorithmName} public key",
            PublicKeyAlgorithm.Ecdsa or PublicKeyAlgorithm.Rsa or PublicKeyAlgorithm.Ed25519 => null,
            _ => $"a {key.AlgorithmName} key; supported keys are ECDSA, RSA and Ed25519",
        };
        return problem is null ? null : $"'{certificate.Subject}' has {problem}";
    }

    private static string? CurveName(PublicKeyKind key) => key.CurveOid switch
    {
        "1.2.840.10045.3.1.1" => $"P-192 ({key.CurveOid})",
        _ => key.CurveName,
    };
}
