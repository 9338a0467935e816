using Trust.Time;

namespace Trust.Renewal;

/// <summary>
/// cert-manager's renewal time, computed as <c>RenewalTime</c> and <c>desiredRenewalTime</c> in cert-manager's
/// <c>pkg/util/pki/renewaltime.go</c> do (read at commit 032a63489b98d792c69b203797e9f4253b196f88; renewal windows
/// and ACME ARI are left out). The arithmetic runs in Go's units so that results agree to the second:
/// durations are <c>time.Duration</c> nanoseconds in an <see cref="long"/>, saturated as Go's <c>Time.Sub</c> saturates
/// beyond about 292 years, and the percentage is applied in float64 as cert-manager does since its overflow fix.
/// </summary>
internal static class CertManagerRenewalTime
{
    private const long NanosecondsPerTick = 100;

    /// <summary>
    /// <c>notAfter - desiredRenewalTime(notAfter - notBefore, renewBefore, renewBeforePercentage)</c>, truncated to
    /// the second.
    /// </summary>
    public static DateTimeOffset Compute(DateTimeOffset notBefore, DateTimeOffset notAfter, TimeSpan? renewBefore,
        int? renewBeforePercentage)
    {
        var actualDuration = Saturate(((Int128)notAfter.UtcTicks - notBefore.UtcTicks) * NanosecondsPerTick);
        var actualRenewBefore = RenewBefore(actualDuration,
            renewBefore is { } before ? Saturate((Int128)before.Ticks * NanosecondsPerTick) : null, renewBeforePercentage);
        // cert-manager#4399: the time is truncated to the second because Certificate status stores it with second
        // precision; an untruncated time re-queued certificates before their renewal time, and they were never renewed.
        // |actualRenewBefore| <= |lifetime|, so the time lies between notBefore and notAfter: a valid, non-negative
        // time, where truncating the ticks equals Go's Truncate of the nanoseconds (down, towards year 1).
        var at = (Int128)notAfter.UtcTicks * NanosecondsPerTick - actualRenewBefore;
        return CertificateTime.TruncateToSecond(new DateTimeOffset((long)(at / NanosecondsPerTick), TimeSpan.Zero));
    }

    /// <summary>
    /// cert-manager's <c>desiredRenewalTime</c>: how long before expiry to renew, in nanoseconds. renewBefore when it
    /// is above zero and below the lifetime; otherwise renewBeforePercentage of the lifetime when the percentage is
    /// in (0, 100); otherwise a third of the lifetime.
    /// </summary>
    public static long RenewBefore(long actualDuration, long? renewBefore, int? renewBeforePercentage)
    {
        if (renewBefore is { } before && before > 0 && before < actualDuration)
            return before;
        if (renewBeforePercentage is { } percent && percent > 0 && percent < 100)
            // As cert-manager: float64(actualDuration) * float64(pct) / 100, converted back by truncation. Integer
            // arithmetic would differ by a second for some lifetimes of several years.
            return (long)((double)actualDuration * percent / 100);
        return actualDuration / 3;
    }

    private static long Saturate(Int128 nanoseconds) => (long)Int128.Clamp(nanoseconds, long.MinValue, long.MaxValue);
}
