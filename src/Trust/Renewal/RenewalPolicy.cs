using Trust.Certificates;
using Trust.Findings;

namespace Trust.Renewal;

/// <summary>
/// When a certificate should be renewed. Computes a time from the certificate alone; the caller compares it with
/// now. Both peers' semantics are here: step's <c>--expires-in N%|DURATION</c> and cert-manager's
/// renewBefore / renewBeforePercentage (default: at 2/3 of the actual lifetime).
/// </summary>
public abstract record RenewalPolicy
{
    private RenewalPolicy() { }

    /// <summary>cert-manager's default: renew when a third of the actual lifetime remains.</summary>
    public static RenewalPolicy Default { get; } = new CertManager(null, null);

    /// <summary>The moment from which the certificate needs renewal.</summary>
    public abstract DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter);

    /// <summary>Renewal time for a certificate.</summary>
    public DateTimeOffset RenewalTime(CertificateInfo certificate) =>
        RenewalTime(certificate.NotBefore, certificate.NotAfter);

    /// <summary>True when <paramref name="now"/> is at or past the renewal time.</summary>
    public bool NeedsRenewal(CertificateInfo certificate, DateTimeOffset now) => now >= RenewalTime(certificate);

    /// <summary>
    /// step's percent form: needs renewal once <paramref name="percentUsed"/>% of the lifetime has passed
    /// (step's default is 66%).
    /// </summary>
    public static RenewalPolicy LifetimeUsed(double percentUsed) =>
        percentUsed is >= 0 and <= 100 && !double.IsNaN(percentUsed)
            ? new StepPercent(percentUsed)
            : throw new TrustInputException(FindingIds.ValueInvalid, $"percent must be between 0 and 100, not {percentUsed}");

    /// <summary>step's duration form: needs renewal once less than <paramref name="window"/> remains.</summary>
    public static RenewalPolicy ExpiresWithin(TimeSpan window) => new StepWindow(window);

    /// <summary>
    /// cert-manager: renewBeforePercentage (percent of the lifetime REMAINING) wins over renewBefore; renewBefore
    /// is ignored when not shorter than the lifetime; the default is lifetime/3. The time is truncated to the second.
    /// </summary>
    public static RenewalPolicy CertManagerStyle(TimeSpan? renewBefore = null, int? renewBeforePercentage = null)
    {
        if (renewBeforePercentage is < 0 or > 100)
            throw new TrustInputException(FindingIds.ValueInvalid, $"renewBeforePercentage must be between 0 and 100, not {renewBeforePercentage}");
        return new CertManager(renewBefore, renewBeforePercentage);
    }

    /// <summary>
    /// Parses the CLI form: <c>N%</c> (step: percent of lifetime used) or a duration (step: remaining time window).
    /// </summary>
    public static RenewalPolicy ParseExpiresIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.EndsWith('%'))
        {
            if (!double.TryParse(t[..^1], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var percent))
                throw new TrustInputException(FindingIds.ValueInvalid, $"'{text}' is not a percentage (example: 66%)");
            return LifetimeUsed(percent);
        }
        return ExpiresWithin(Time.DurationText.Parse(t));
    }

    private sealed record StepPercent(double PercentUsed) : RenewalPolicy
    {
        public override DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
            notBefore + TimeSpan.FromTicks((long)((notAfter - notBefore).Ticks * (PercentUsed / 100.0)));
    }

    private sealed record StepWindow(TimeSpan Window) : RenewalPolicy
    {
        public override DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter) => notAfter - Window;
    }

    private sealed record CertManager(TimeSpan? RenewBefore, int? RenewBeforePercentage) : RenewalPolicy
    {
        public override DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            var lifetime = notAfter - notBefore;
            var before = lifetime / 3;
            if (RenewBeforePercentage is { } percent) before = lifetime * percent / 100;
            else if (RenewBefore is { } rb && rb < lifetime) before = rb;
            // cert-manager#4399: truncate to the second, as the time is stored with second precision.
            var at = notAfter - before;
            return new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
    }
}
