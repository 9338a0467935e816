namespace Trust.Kubernetes;

/// <summary>
/// MicroTime values (Lease acquireTime/renewTime, Event eventTime) as the API server accepts them: exactly six
/// fractional digits. KubernetesClient writes the fraction without trailing zeros (measured: a whole second goes out as
/// <c>08:00:00Z</c>, which the API server rejects with 400), so the job never sends a microsecond count ending in zero:
/// it moves such a time one microsecond later.
/// </summary>
internal static class MicroTime
{
    public static DateTime Of(DateTimeOffset time)
    {
        var micros = time.UtcTicks / 10;
        if (micros % 10 == 0) micros++;
        return new DateTime(micros * 10, DateTimeKind.Utc);
    }
}
