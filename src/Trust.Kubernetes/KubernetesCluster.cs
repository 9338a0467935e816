namespace Trust.Kubernetes;

/// <summary>A cluster the job reads and writes: a name for reports and a connection to its API server. The first
/// cluster of a run is the home cluster, where the anchor Secrets and the Lease live. Build one with
/// <see cref="KubernetesConnections"/>.</summary>
public sealed class KubernetesCluster : IDisposable
{
    internal KubernetesCluster(string name, KubeApi api, RequestCounter counter)
    {
        Name = name;
        Api = api;
        _counter = counter;
    }

    private readonly RequestCounter _counter;

    /// <summary>HTTP requests sent so far to this cluster (retries included).</summary>
    public long Requests => _counter.Count;

    /// <summary>The name used in reports.</summary>
    public string Name { get; }

    internal KubeApi Api { get; }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => Api.Dispose();

    /// <inheritdoc />
    public override string ToString() => Name;
}
