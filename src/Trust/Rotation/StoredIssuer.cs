using Trust.Certificates;
using Trust.Keys;

namespace Trust.Rotation;

/// <summary>An identity issuer as stored in a cluster: the chain of <c>tls.crt</c> (the issuer first, no root) and its key.</summary>
/// <param name="Chain">The issuer certificate, then any intermediates above it (never empty).</param>
/// <param name="Key">The issuer's private key.</param>
public sealed record StoredIssuer(IReadOnlyList<CertificateInfo> Chain, SigningKey Key)
{
    /// <summary>The issuer certificate.</summary>
    public CertificateInfo Certificate => Chain[0];

    /// <inheritdoc />
    public override string ToString() => $"issuer '{Certificate.Subject}' (sha256 {Certificate.Fingerprint[..16]}…)";
}
