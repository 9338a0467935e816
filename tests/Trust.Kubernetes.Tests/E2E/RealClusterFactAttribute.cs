namespace Trust.Kubernetes.Tests.E2E;

/// <summary>
/// A fact that runs against a real Kubernetes API server, opt-in: only when <c>TRUST_E2E_KUBECONFIG</c> names a
/// kubeconfig file (its current context, or <c>TRUST_E2E_CONTEXT</c>). Reported as skipped otherwise, never silently
/// passed. docs/testing.md says how to run it.
/// </summary>
public sealed class RealClusterFactAttribute : FactAttribute
{
    public const string KubeconfigVariable = "TRUST_E2E_KUBECONFIG";
    public const string ContextVariable = "TRUST_E2E_CONTEXT";

    public RealClusterFactAttribute()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(KubeconfigVariable);
        if (string.IsNullOrEmpty(kubeconfig))
            Skip = $"opt-in: set {KubeconfigVariable} to a kubeconfig of a cluster the test may create and delete namespaces in";
        else if (!File.Exists(kubeconfig))
            Skip = $"{KubeconfigVariable}={kubeconfig}: no such file";
    }
}
