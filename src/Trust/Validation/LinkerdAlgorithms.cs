using Trust.Certificates;

namespace Trust.Validation;

/// <summary>The key and signature algorithms Linkerd accepts for trust anchors and the identity issuer.</summary>
internal static class LinkerdAlgorithms
{
    /// <summary>Linkerd's checkCertAlgoRequirements for anchors.</summary>
    public static string? AnchorProblem(CertificateInfo c) => c.PublicKey.Algorithm switch
    {
        PublicKeyAlgorithm.Ecdsa when c.PublicKey.Curve != EllipticCurve.P256 =>
            $"must use P-256 curve for public key, instead {c.PublicKey.CurveName} was used",
        PublicKeyAlgorithm.Ecdsa when c.SignatureAlgorithm is not (Oids.EcdsaWithSha256 or Oids.Sha256WithRsa) =>
            $"must be signed by an ECDSA P-256 key, instead {Oids.Describe(c.SignatureAlgorithm)} was used",
        PublicKeyAlgorithm.Ecdsa => null,
        PublicKeyAlgorithm.Rsa when c.PublicKey.Bits is not (2048 or 4096) => $"RSA key size must be 2048 or 4096 bits, not {c.PublicKey.Bits}",
        PublicKeyAlgorithm.Rsa when c.SignatureAlgorithm != Oids.Sha256WithRsa =>
            $"must be signed with SHA256-RSA, instead {Oids.Describe(c.SignatureAlgorithm)} was used",
        PublicKeyAlgorithm.Rsa => null,
        _ => $"key algorithm {c.PublicKey.AlgorithmName} is not supported; supported algorithms are ECDSA (P-256) and RSA",
    };

    public static string? IssuerProblem(CertificateInfo c) => c.PublicKey.Algorithm switch
    {
        PublicKeyAlgorithm.Ecdsa => AnchorProblem(c),
        _ => $"the issuer key must be ECDSA P-256, not {c.PublicKey}",
    };

    /// <summary>Warnings for material just created that Linkerd will refuse, saying what Linkerd does with it.</summary>
    public static IEnumerable<string> CreationWarnings(CertificateInfo created, CertificateInfo? anchor, bool isIssuer)
    {
        if (!isIssuer && AnchorProblem(created) is { } anchorProblem)
            yield return $"Linkerd will refuse this trust anchor: {anchorProblem}; 'linkerd check' fails 'trust anchors are using supported crypto algorithm' (fatal). Linkerd accepts ECDSA P-256 anchors signed with SHA-256, or RSA 2048/4096";
        if (isIssuer && IssuerProblem(created) is { } issuerProblem)
            yield return $"Linkerd will refuse this identity issuer: {issuerProblem}; 'linkerd check' fails 'issuer cert is using supported crypto algorithm' (fatal)";
        if (isIssuer && anchor is not null && AnchorProblem(anchor) is { } rootProblem)
            yield return $"Linkerd will refuse the trust anchor '{anchor.Subject}' this issuer chains to: {rootProblem}";
    }
}
