namespace Trust.Kubernetes.Testing.Patching;

/// <summary>A patch that cannot be applied to the object (a JSON patch test that fails, a path that is missing).</summary>
internal sealed class PatchFailure(string message) : Exception(message);
