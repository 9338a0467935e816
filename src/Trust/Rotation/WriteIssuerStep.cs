using Trust.Certificates;
using Trust.Identity;

namespace Trust.Rotation;

/// <summary>Write a cluster's identity issuer: a new certificate with a new key, signed by <paramref name="Anchor"/>.</summary>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="Issuer">The new issuer and its new key.</param>
/// <param name="Anchor">The anchor that signed it (goes to <c>ca.crt</c>).</param>
/// <param name="Reason">Why a new issuer is needed.</param>
public sealed record WriteIssuerStep(string Cluster, StoredIssuer Issuer, CertificateInfo Anchor, IssuerRenewalReason Reason) : RotationStep
{
    /// <inheritdoc />
    public override bool IsWrite => true;

    /// <summary>Adjustments made while issuing (a NotAfter clamped to the anchor's).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The issuer as cert-manager's <c>kubernetes.io/tls</c> Secret data (tls.crt, tls.key, ca.crt).</summary>
    public TlsSecret ToTlsSecret() => TlsSecret.Compose([.. Issuer.Chain, Anchor], Issuer.Key);

    /// <inheritdoc />
    public override string ToString() =>
        $"write a new issuer in {Cluster} ({RotationWords.Reason(Reason)}), valid until {Time.Rfc3339.Format(Issuer.Certificate.NotAfter)}, signed by anchor sha256 {Anchor.Fingerprint[..16]}…";
}
