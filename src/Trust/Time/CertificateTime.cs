using Trust.Findings;

namespace Trust.Time;

/// <summary>Time as certificates hold it: UTC, whole seconds.</summary>
internal static class CertificateTime
{
    /// <summary>
    /// Truncates to the whole second (towards the past), in UTC. Certificates carry whole seconds, and cert-manager
    /// truncates renewal times the same way (cert-manager#4399): compare only truncated times.
    /// </summary>
    public static DateTimeOffset TruncateToSecond(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>
    /// The one lifetime rule: a certificate's lifetime, counted from <paramref name="now"/>, must be positive and end
    /// by the year 9999. Returns the end of the lifetime.
    /// </summary>
    /// <exception cref="TrustInputException">The lifetime is zero, negative or too long (id <c>validity-invalid</c>).</exception>
    public static DateTimeOffset EndOfLifetime(DateTimeOffset now, TimeSpan lifetime, string what)
    {
        if (lifetime <= TimeSpan.Zero)
            throw new TrustInputException(FindingIds.ValidityInvalid, $"the {what} lifetime must be positive, not {DurationText.Format(lifetime)}",
                new Remedy(RemedyAction.FixValidity, $"give the {what} a positive lifetime"));
        if (lifetime > DateTimeOffset.MaxValue - now)
            throw new TrustInputException(FindingIds.ValidityInvalid, $"the {what} lifetime {DurationText.Format(lifetime)} ends after the year 9999",
                new Remedy(RemedyAction.FixValidity, $"give the {what} a shorter lifetime"));
        return now + lifetime;
    }

    /// <summary>Resolves a NotAfter bound; a relative one is a lifetime and follows <see cref="EndOfLifetime"/>.</summary>
    public static DateTimeOffset ResolveNotAfter(ValidityTime notAfter, DateTimeOffset now, string what) =>
        notAfter.Relative is { } lifetime ? EndOfLifetime(now, lifetime, what) : notAfter.Resolve(now);
}
