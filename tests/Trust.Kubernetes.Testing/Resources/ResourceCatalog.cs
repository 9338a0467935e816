namespace Trust.Kubernetes.Testing.Resources;

/// <summary>The resources one server serves (cert-manager only when asked for), found by group, version and plural.</summary>
internal sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), KubeResource> _byPath;

    public ResourceCatalog(FakeApiOptions options)
    {
        Served = [.. KubeResource.All.Where(r => r != KubeResource.Certificates || options.ServeCertManager)];
        _byPath = Served.ToDictionary(r => (r.Group, r.Version, r.Plural));
    }

    public IReadOnlyList<KubeResource> Served { get; }

    /// <summary>The named API groups in discovery order, each with its one version.</summary>
    public IEnumerable<(string Group, string Version)> Groups =>
        Served.Where(r => r.Group.Length > 0).Select(r => (r.Group, r.Version)).Distinct();

    public IEnumerable<KubeResource> InGroupVersion(string group, string version) =>
        Served.Where(r => r.Group == group && r.Version == version);

    public KubeResource? Find(string group, string version, string plural) => _byPath.GetValueOrDefault((group, version, plural));

    public bool Serves(KubeResource resource) => _byPath.ContainsKey((resource.Group, resource.Version, resource.Plural));
}
