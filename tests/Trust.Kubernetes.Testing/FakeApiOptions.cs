namespace Trust.Kubernetes.Testing;

/// <summary>How a <see cref="FakeApiServer"/> behaves.</summary>
public sealed record FakeApiOptions
{
    /// <summary>The clock for creationTimestamp; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether cert-manager.io/v1 certificates are served (and discovered); otherwise its paths answer 404.</summary>
    public bool ServeCertManager { get; init; }

    /// <summary>
    /// Whether to serve HTTPS with a certificate from a throwaway CA (the kubeconfig carries the CA). On by default:
    /// kubectl sends no credentials to a plain http server, so with it off kubectl only ever gets 401.
    /// </summary>
    public bool UseTls { get; init; } = true;

    /// <summary>The bearer token every request must carry; random when null.</summary>
    public string? Token { get; init; }

    /// <summary>The namespaces that exist from the start, as on a new cluster.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>The version reported by <c>/version</c>.</summary>
    public string GitVersion { get; init; } = "v1.32.0-fake";
}
