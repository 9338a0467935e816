namespace Trust.Kubernetes.Testing;

/// <summary>Bumps the target object's resourceVersion, then lets the request through.</summary>
internal sealed record ConflictRaceFault : Fault
{
    internal override Task<FaultOutcome> InterveneAsync(FaultScene scene)
    {
        scene.BumpTarget();
        return Task.FromResult(FaultOutcome.Continue);
    }
}
