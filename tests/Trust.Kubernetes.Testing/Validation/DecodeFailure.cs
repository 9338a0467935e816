namespace Trust.Kubernetes.Testing.Validation;

/// <summary>A body that the real server could not even decode into its Go type (bad base64, a MicroTime with seven digits).</summary>
internal sealed class DecodeFailure(string message) : Exception(message);
