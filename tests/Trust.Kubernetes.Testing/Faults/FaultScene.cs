namespace Trust.Kubernetes.Testing;

/// <summary>What a fault may act on: the request's cancellation and the object it targets.</summary>
internal sealed record FaultScene(CancellationToken Aborted, Action BumpTarget);
