namespace Trust.Kubernetes.Testing;

/// <summary>Closes the connection without an answer.</summary>
internal sealed record DropConnectionFault : Fault
{
    internal override Task<FaultOutcome> InterveneAsync(FaultScene scene) => Task.FromResult(FaultOutcome.Dropped);
}
