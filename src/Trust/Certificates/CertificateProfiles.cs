using Trust.Time;

namespace Trust.Certificates;

/// <summary>
/// A self-signed trust anchor (root CA), shaped like step's root-ca profile: basicConstraints critical CA:TRUE with a
/// path length (default 1), keyUsage critical keyCertSign+cRLSign, no extendedKeyUsage, a subjectKeyIdentifier.
/// </summary>
public sealed record AnchorProfile
{
    /// <summary>Default anchor lifetime: 87600h (10 years), as step.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(87600);

    /// <summary>Subject: a CommonName or a distinguished name. Default <c>root.linkerd.cluster.local</c>.</summary>
    public string Subject { get; init; } = "root.linkerd.cluster.local";

    /// <summary>Start of validity; null means now minus <see cref="Backdate"/>.</summary>
    public ValidityTime? NotBefore { get; init; }

    /// <summary>End of validity, absolute or relative to now.</summary>
    public ValidityTime NotAfter { get; init; } = ValidityTime.After(DefaultLifetime);

    /// <summary>basicConstraints pathLenConstraint; null for no limit. Default 1 (anchor, issuer, leaf).</summary>
    public int? PathLength { get; init; } = 1;

    /// <summary>How far NotBefore is set in the past when not given, to tolerate clock skew.</summary>
    public TimeSpan Backdate { get; init; } = CertificateFactory.DefaultBackdate;
}

/// <summary>
/// An identity issuer (intermediate CA) signed by an anchor: CA:TRUE pathlen 0 (critical), keyUsage critical
/// keyCertSign+cRLSign, no extendedKeyUsage, subjectKeyIdentifier, authorityKeyIdentifier = the signer's SKI.
/// </summary>
public sealed record IssuerProfile
{
    /// <summary>Default issuer lifetime: 8760h (one year).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8760);

    /// <summary>Subject; must differ from the anchor's (linkerd2#5350). Default <c>identity.linkerd.cluster.local</c>.</summary>
    public string Subject { get; init; } = "identity.linkerd.cluster.local";

    /// <summary>Start of validity; null means now minus <see cref="Backdate"/>.</summary>
    public ValidityTime? NotBefore { get; init; }

    /// <summary>End of validity; clamped to the signer chain's earliest NotAfter.</summary>
    public ValidityTime NotAfter { get; init; } = ValidityTime.After(DefaultLifetime);

    /// <summary>basicConstraints pathLenConstraint. Default 0: the issuer signs leaves only.</summary>
    public int? PathLength { get; init; } = 0;

    /// <summary>Optional DNS subjectAltNames.</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>How far NotBefore is set in the past when not given.</summary>
    public TimeSpan Backdate { get; init; } = CertificateFactory.DefaultBackdate;
}

/// <summary>
/// A workload certificate in Linkerd's leaf shape: keyUsage digitalSignature+keyEncipherment, extendedKeyUsage
/// serverAuth+clientAuth, DNS subjectAltNames, 24h, NotAfter clamped to the issuer chain.
/// </summary>
public sealed record LeafProfile
{
    /// <summary>Default leaf lifetime: 24h, as Linkerd's identity controller.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>DNS names; at least one. The first is also the CommonName unless <see cref="Subject"/> is set.</summary>
    public required IReadOnlyList<string> DnsNames { get; init; }

    /// <summary>Subject; null means CN = the first DNS name.</summary>
    public string? Subject { get; init; }

    /// <summary>Start of validity; null means now minus <see cref="Backdate"/>.</summary>
    public ValidityTime? NotBefore { get; init; }

    /// <summary>End of validity; clamped to the issuer chain's earliest NotAfter.</summary>
    public ValidityTime NotAfter { get; init; } = ValidityTime.After(DefaultLifetime);

    /// <summary>How far NotBefore is set in the past when not given (Linkerd's clockSkewAllowance is 20s).</summary>
    public TimeSpan Backdate { get; init; } = TimeSpan.FromSeconds(20);
}
