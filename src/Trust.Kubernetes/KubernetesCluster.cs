using k8s;

namespace Trust.Kubernetes;

/// <summary>A cluster the job reads and writes: a name for reports and a client. The first cluster of a run is the
/// home cluster, where the anchor Secrets and the Lease live.</summary>
public sealed class KubernetesCluster
{
    /// <summary>Wraps a client.</summary>
    /// <param name="name">A name for reports (the kubeconfig context).</param>
    /// <param name="client">The client (build it with <see cref="KubernetesConnections"/> to get retries).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public KubernetesCluster(string name, IKubernetes client)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Client = client ?? throw new ArgumentNullException(nameof(client));
    }

    internal KubernetesCluster(string name, IKubernetes client, RequestCounter counter) : this(name, client) => _counter = counter;

    private readonly RequestCounter? _counter;

    /// <summary>HTTP requests sent so far through a client built by <see cref="KubernetesConnections"/> (retries
    /// included); 0 for a client built elsewhere.</summary>
    public long Requests => _counter?.Count ?? 0;

    /// <summary>The name used in reports.</summary>
    public string Name { get; }

    /// <summary>The client.</summary>
    public IKubernetes Client { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
