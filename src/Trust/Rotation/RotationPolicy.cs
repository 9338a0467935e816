using Trust.Findings;
using Trust.Keys;
using Trust.Renewal;
using Trust.Time;

namespace Trust.Rotation;

/// <summary>
/// How the planner renews issuers and rotates anchors. The defaults are the rotation job's: issuer 48h renewed with a
/// third left (cert-manager's default), anchor 8760h renewed with a third left (Publish starts about 122 days before
/// expiry), bundle published at least 24h before the switch, leaves of 24h with Linkerd's 20s clock skew.
/// </summary>
public sealed record RotationPolicy
{
    /// <summary>Default issuer lifetime: 48h.</summary>
    public static readonly TimeSpan DefaultIssuerLifetime = TimeSpan.FromHours(48);

    /// <summary>Default anchor lifetime: 8760h (one year).</summary>
    public static readonly TimeSpan DefaultAnchorLifetime = TimeSpan.FromHours(8760);

    /// <summary>Default minimum age of a published bundle before the switch: 24h.</summary>
    public static readonly TimeSpan DefaultMinBundleAge = TimeSpan.FromHours(24);

    /// <summary>Linkerd's workload certificate lifetime (<c>issuanceLifetime</c>): 24h.</summary>
    public static readonly TimeSpan DefaultLeafLifetime = TimeSpan.FromHours(24);

    /// <summary>Linkerd's <c>clockSkewAllowance</c>: 20s.</summary>
    public static readonly TimeSpan DefaultClockSkewAllowance = TimeSpan.FromSeconds(20);

    /// <summary>Default margin added to waits that depend on other components noticing a change: 1h.</summary>
    public static readonly TimeSpan DefaultMargin = TimeSpan.FromHours(1);

    /// <summary>The issuer's lifetime (clamped to its anchor's NotAfter).</summary>
    public TimeSpan IssuerLifetime { get; init; } = DefaultIssuerLifetime;

    /// <summary>When an issuer is renewed: cert-manager's renewBefore / renewBeforePercentage semantics
    /// (<see cref="RenewalPolicy.CertManagerStyle"/>); default a third of its lifetime before expiry.</summary>
    public RenewalPolicy IssuerRenewal { get; init; } = RenewalPolicy.Default;

    /// <summary>The lifetime of new anchors.</summary>
    public TimeSpan AnchorLifetime { get; init; } = DefaultAnchorLifetime;

    /// <summary>When an anchor's rotation starts (Publish); default a third of its lifetime before expiry.</summary>
    public RenewalPolicy AnchorRenewal { get; init; } = RenewalPolicy.Default;

    /// <summary>How long the new anchor must be published before the switch; zero is valid.</summary>
    public TimeSpan MinBundleAge { get; init; } = DefaultMinBundleAge;

    /// <summary>Linkerd's trust domain: names new anchors <c>root.linkerd.&lt;domain&gt;</c> and issuers
    /// <c>identity.linkerd.&lt;domain&gt;</c>.</summary>
    public string TrustDomain { get; init; } = Identity.TrustDomain.Default;

    /// <summary>The key algorithm of new anchors (issuers are always ECDSA P-256, the only one Linkerd's issuer accepts).</summary>
    public KeyAlgorithm AnchorKeyAlgorithm { get; init; } = KeyAlgorithm.EcdsaP256;

    /// <summary>The lifetime of workload certificates (Linkerd's <c>issuanceLifetime</c>).</summary>
    public TimeSpan LeafLifetime { get; init; } = DefaultLeafLifetime;

    /// <summary>Linkerd's <c>clockSkewAllowance</c>, added to the leaf lifetime.</summary>
    public TimeSpan ClockSkewAllowance { get; init; } = DefaultClockSkewAllowance;

    /// <summary>Added to the drop wait, for the identity controller to pick up a new issuer and for clocks that differ.</summary>
    public TimeSpan Margin { get; init; } = DefaultMargin;

    /// <summary>Rotate now, whatever the anchor's renewal window says (a compromised anchor), and skip the minimum
    /// bundle age; every invariant still holds. Recorded, so later runs continue as an emergency and the rotation is not
    /// started again for the anchor it produced.</summary>
    public bool Emergency { get; init; }

    /// <summary>Take over an issuer that another controller (a cert-manager Certificate) owns, instead of stopping.</summary>
    public bool TakeOver { get; init; }

    /// <summary>The subject of new anchors.</summary>
    public string AnchorSubject => $"root.linkerd.{TrustDomain}";

    /// <summary>The subject of new issuers.</summary>
    public string IssuerSubject => $"identity.linkerd.{TrustDomain}";

    /// <summary>
    /// The time a rotation still needs once it is ready to switch: an issuer lifetime, a leaf lifetime with skew, and
    /// the margin. A retiring anchor with less life left than this puts the rotation at risk.
    /// </summary>
    public TimeSpan TimeToFinish => IssuerLifetime + LeafLifetime + ClockSkewAllowance + Margin;

    /// <summary>The earliest moment after a switch at which no workload certificate from the retired anchor can be alive.</summary>
    public TimeSpan DrainTime => LeafLifetime + ClockSkewAllowance + Margin;

    /// <summary>Checks the policy as a whole.</summary>
    /// <exception cref="TrustInputException">A lifetime that is not positive, an issuer that outlives its anchor, an anchor
    /// too short to rotate (not longer than <see cref="TimeToFinish"/> plus the minimum bundle age), a
    /// negative duration, a renewal policy missing, or an invalid trust domain (ids <c>validity-invalid</c>,
    /// <c>value-invalid</c>, <c>trust-domain-invalid</c>).</exception>
    public void Validate()
    {
        if (Identity.TrustDomain.Check(TrustDomain) is { } domain) throw new TrustInputException(domain);
        Positive(IssuerLifetime, "issuer lifetime");
        Positive(AnchorLifetime, "anchor lifetime");
        Positive(LeafLifetime, "workload certificate lifetime");
        NotNegative(MinBundleAge, "minimum bundle age");
        NotNegative(ClockSkewAllowance, "clock skew allowance");
        NotNegative(Margin, "margin");
        if (IssuerLifetime >= AnchorLifetime)
            throw new TrustInputException(FindingIds.ValidityInvalid,
                $"the issuer lifetime {DurationText.Format(IssuerLifetime)} is not shorter than the anchor lifetime {DurationText.Format(AnchorLifetime)}",
                new Remedy(RemedyAction.FixValidity, "give the issuer a lifetime much shorter than the anchor's"));
        if (AnchorLifetime <= TimeToFinish + MinBundleAge)
            throw new TrustInputException(FindingIds.ValidityInvalid,
                $"the anchor lifetime {DurationText.Format(AnchorLifetime)} leaves no time to rotate it: a rotation needs at least the minimum bundle age, an issuer lifetime, a workload certificate lifetime and the margin ({DurationText.Format(TimeToFinish + MinBundleAge)})",
                new Remedy(RemedyAction.FixValidity, "give the anchor a lifetime many times longer than the issuer's"));
        if (IssuerRenewal is null || AnchorRenewal is null)
            throw new TrustInputException(FindingIds.ValueInvalid, "a renewal policy is missing",
                new Remedy(RemedyAction.FixInput, "give both the issuer and the anchor a renewal policy"));
        if (!Enum.IsDefined(AnchorKeyAlgorithm))
            throw new TrustInputException(FindingIds.KeyAlgorithmUnsupported, $"unknown anchor key algorithm {AnchorKeyAlgorithm}",
                new Remedy(RemedyAction.UseSupportedAlgorithm, "use ECDSA P-256 for anchors"));
    }

    private static void Positive(TimeSpan value, string what)
    {
        if (value <= TimeSpan.Zero)
            throw new TrustInputException(FindingIds.ValidityInvalid, $"the {what} must be positive, not {DurationText.Format(value)}",
                new Remedy(RemedyAction.FixValidity, $"give a positive {what}"));
    }

    private static void NotNegative(TimeSpan value, string what)
    {
        if (value < TimeSpan.Zero)
            throw new TrustInputException(FindingIds.ValueInvalid, $"the {what} must not be negative, not {DurationText.Format(value)}",
                new Remedy(RemedyAction.FixInput, $"give a {what} of zero or more"));
    }
}
