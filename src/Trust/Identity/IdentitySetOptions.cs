using Trust.Keys;

namespace Trust.Identity;

/// <summary>What <see cref="IdentitySet.Create(IdentitySetOptions, DateTimeOffset)"/> makes; the defaults are <c>trust init</c>'s.</summary>
public sealed record IdentitySetOptions
{
    /// <summary>Default anchor lifetime: 87600h (10 years), as step.</summary>
    public static readonly TimeSpan DefaultAnchorLifetime = TimeSpan.FromHours(87600);

    /// <summary>Default issuer lifetime: 8760h (one year).</summary>
    public static readonly TimeSpan DefaultIssuerLifetime = TimeSpan.FromHours(8760);

    /// <summary>The trust domain; names the anchor <c>root.linkerd.&lt;domain&gt;</c> and the issuer <c>identity.linkerd.&lt;domain&gt;</c>.</summary>
    public string TrustDomain { get; init; } = Identity.TrustDomain.Default;

    /// <summary>How long the anchor is valid.</summary>
    public TimeSpan AnchorLifetime { get; init; } = DefaultAnchorLifetime;

    /// <summary>How long the issuer is valid (clamped to the anchor's NotAfter).</summary>
    public TimeSpan IssuerLifetime { get; init; } = DefaultIssuerLifetime;

    /// <summary>The anchor's key algorithm (the issuer is always ECDSA P-256, the only one Linkerd's issuer accepts).</summary>
    public KeyAlgorithm AnchorKeyAlgorithm { get; init; } = KeyAlgorithm.EcdsaP256;

    /// <summary>The anchor's subject: <c>root.linkerd.&lt;domain&gt;</c>.</summary>
    public string AnchorSubject => $"root.linkerd.{TrustDomain}";

    /// <summary>The issuer's subject: <c>identity.linkerd.&lt;domain&gt;</c>.</summary>
    public string IssuerSubject => $"identity.linkerd.{TrustDomain}";
}
