namespace Trust.Kubernetes.Testing;

/// <summary>Holds the request for a while, then lets it through.</summary>
internal sealed record DelayFault(TimeSpan Duration) : Fault
{
    internal override async Task<FaultOutcome> InterveneAsync(FaultScene scene)
    {
        await Task.Delay(Duration, scene.Aborted);
        return FaultOutcome.Continue;
    }
}
