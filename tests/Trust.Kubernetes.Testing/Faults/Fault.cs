namespace Trust.Kubernetes.Testing;

/// <summary>Something that goes wrong with a request before the server handles it; see <see cref="FaultInjector"/>.</summary>
public abstract record Fault
{
    private protected Fault()
    {
    }

    /// <summary>500 InternalError.</summary>
    public static Fault InternalError() => new StatusFault(500, null);

    /// <summary>503 ServiceUnavailable with <c>Retry-After</c>.</summary>
    public static Fault ServiceUnavailable(int retryAfterSeconds = 1) => new StatusFault(503, retryAfterSeconds);

    /// <summary>429 TooManyRequests with <c>Retry-After</c>, as API priority and fairness answers.</summary>
    public static Fault TooManyRequests(int retryAfterSeconds = 1) => new StatusFault(429, retryAfterSeconds);

    /// <summary>
    /// Another writer stores the target object again (new resourceVersion, same content) just before the request is
    /// handled, so a write conditional on the version the client read loses with 409 Conflict.
    /// </summary>
    public static Fault ConflictRace() => new ConflictRaceFault();

    /// <summary>The connection is closed without a response.</summary>
    public static Fault DropConnection() => new DropConnectionFault();

    /// <summary>The request waits this long, then is handled normally.</summary>
    public static Fault Delay(TimeSpan delay) => new DelayFault(delay);

    /// <summary>Acts on the request; returns whether handling goes on.</summary>
    internal abstract Task<FaultOutcome> InterveneAsync(FaultScene scene);
}
