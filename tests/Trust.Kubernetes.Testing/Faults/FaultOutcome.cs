namespace Trust.Kubernetes.Testing;

/// <summary>What is left of a request after a fault acted on it.</summary>
internal enum FaultOutcome { Continue, Dropped }
