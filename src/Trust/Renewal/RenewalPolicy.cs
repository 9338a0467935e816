using System.Globalization;
using Trust.Certificates;
using Trust.Findings;
using Trust.Time;

namespace Trust.Renewal;

/// <summary>
/// When a certificate should be renewed, decided from its validity period alone; the caller passes now (nothing here
/// reads a clock). Two peers' semantics: step's <c>certificate needs-renewal</c> (percent of the lifetime used, or a
/// window before expiry) and cert-manager's renewBefore / renewBeforePercentage, computed exactly as cert-manager's
/// <c>pkg/util/pki/renewaltime.go</c> does.
/// </summary>
public abstract record RenewalPolicy
{
    private RenewalPolicy() { }

    /// <summary>
    /// cert-manager's default, used when a Certificate sets neither renewBefore nor renewBeforePercentage: renew when
    /// a third of the actual lifetime remains. Same as <c>CertManagerStyle(null, null)</c>.
    /// </summary>
    public static RenewalPolicy Default { get; } = new CertManager(null, null);

    /// <summary>
    /// The moment from which a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>
    /// needs renewal. Never throws; a result beyond the range of <see cref="DateTimeOffset"/> is clamped to it.
    /// </summary>
    public abstract DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter);

    /// <summary>The moment from which <paramref name="certificate"/> needs renewal.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public DateTimeOffset RenewalTime(CertificateInfo certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return RenewalTime(certificate.NotBefore, certificate.NotAfter);
    }

    /// <summary>
    /// Decides whether <paramref name="certificate"/> needs renewal at <paramref name="now"/>: it does from its
    /// renewal time on, the renewal time itself included.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public RenewalDecision Decide(CertificateInfo certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Decide(certificate.NotBefore, certificate.NotAfter, now);
    }

    /// <summary>
    /// Decides whether a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> needs
    /// renewal at <paramref name="now"/> (for callers that hold the validity period rather than the certificate).
    /// </summary>
    public RenewalDecision Decide(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now) =>
        new(notBefore, notAfter, RenewalTime(notBefore, notAfter), now);

    /// <summary>Shorthand for <c>Decide(certificate, now).NeedsRenewal</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public bool NeedsRenewal(CertificateInfo certificate, DateTimeOffset now) => Decide(certificate, now).NeedsRenewal;

    /// <summary>
    /// step's percent form: renewal is needed once <paramref name="percentUsed"/>% of the lifetime has passed, that is
    /// from <c>notBefore + lifetime × percentUsed / 100</c> on (step's default is 66%).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentUsed"/> is not a number from 0 to 100.</exception>
    public static RenewalPolicy LifetimeUsed(double percentUsed)
    {
        if (double.IsNaN(percentUsed) || percentUsed is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(percentUsed), percentUsed, "must be from 0 to 100");
        return new StepPercent(percentUsed);
    }

    /// <summary>
    /// step's duration form: renewal is needed once at most <paramref name="window"/> of validity remains, that is
    /// from <c>notAfter - window</c> on. Any window is accepted, as step accepts it: a negative one means after expiry,
    /// one longer than the lifetime means before the certificate's start.
    /// </summary>
    public static RenewalPolicy ExpiresWithin(TimeSpan window) => new StepWindow(window);

    /// <summary>
    /// cert-manager's Certificate fields renewBefore and renewBeforePercentage, decided as cert-manager's
    /// <c>RenewalTime</c> / <c>desiredRenewalTime</c> in <c>pkg/util/pki/renewaltime.go</c> decide them
    /// (commit 032a63489b98d792c69b203797e9f4253b196f88; renewal windows and ACME ARI are not modelled):
    /// <list type="number">
    /// <item><paramref name="renewBefore"/> is used only when it is greater than zero and less than the actual lifetime
    /// (notAfter - notBefore): <c>renewBefore.Duration &gt; 0 &amp;&amp; renewBefore.Duration &lt; actualDuration</c>.
    /// It therefore takes precedence over the percentage.</item>
    /// <item>Otherwise <paramref name="renewBeforePercentage"/> is used only when it lies in (0, 100), both ends
    /// excluded: renew that percent of the lifetime before expiry, computed as
    /// <c>float64(actualDuration) * float64(pct) / 100</c> in nanoseconds.</item>
    /// <item>Otherwise renew a third of the lifetime before expiry (<c>actualDuration / 3</c>), i.e. at 2/3 of it.</item>
    /// </list>
    /// The renewal time is <c>notAfter - renewBefore</c> truncated down to the second (cert-manager#4399: the time is
    /// stored on the Certificate's status with second precision). Values cert-manager would ignore are ignored here too
    /// rather than rejected, so Certificates with odd settings behave as under cert-manager. For a certificate whose
    /// notBefore is a whole second, as X.509 times are, the renewal time lies within [notBefore, notAfter].
    /// </summary>
    public static RenewalPolicy CertManagerStyle(TimeSpan? renewBefore = null, int? renewBeforePercentage = null) =>
        new CertManager(renewBefore, renewBeforePercentage);

    /// <summary>
    /// Parses step's expires-in text: <c>N%</c> is <see cref="LifetimeUsed"/> (0 to 100), anything else a duration
    /// for <see cref="ExpiresWithin"/> (<c>720h</c>, <c>30d</c>, <c>1h30m</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="TrustInputException">The text is neither a percentage from 0% to 100% nor a duration.</exception>
    public static RenewalPolicy ParseExpiresIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.EndsWith('%')) return ExpiresWithin(DurationText.Parse(trimmed));
        if (!double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            || double.IsNaN(percent) || double.IsInfinity(percent))
            throw new TrustInputException(FindingIds.ValueInvalid, $"'{text}' is not a percentage (example: 66%)");
        if (percent is < 0 or > 100)
            throw new TrustInputException(FindingIds.ValueInvalid, $"'{text}' is out of range: the percentage of the lifetime used must be from 0% to 100%");
        return LifetimeUsed(percent);
    }

    private sealed record StepPercent(double PercentUsed) : RenewalPolicy
    {
        public override DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
            notBefore + TimeSpan.FromTicks((long)((notAfter - notBefore).Ticks * (PercentUsed / 100.0)));
    }

    private sealed record StepWindow(TimeSpan Window) : RenewalPolicy
    {
        public override DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            var ticks = (Int128)notAfter.UtcTicks - Window.Ticks;
            return new DateTimeOffset(
                (long)Int128.Clamp(ticks, DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
        }
    }

    private sealed record CertManager(TimeSpan? RenewBefore, int? RenewBeforePercentage) : RenewalPolicy
    {
        public override DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
            CertManagerRenewalTime.Compute(notBefore, notAfter, RenewBefore, RenewBeforePercentage);
    }
}
