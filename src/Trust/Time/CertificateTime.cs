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
}
