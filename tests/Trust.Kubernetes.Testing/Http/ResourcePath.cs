namespace Trust.Kubernetes.Testing.Http;

/// <summary>
/// A path below a group version: <c>{plural}</c>, <c>{plural}/{name}</c> (cluster-scoped),
/// <c>namespaces/{ns}/{plural}</c> or <c>namespaces/{ns}/{plural}/{name}</c>. Name null: the collection.
/// </summary>
internal sealed record ResourcePath(KubeResource Resource, string? Namespace, string? Name)
{
    /// <summary>
    /// The target of a path's segments: null when the path is not below a group version (discovery, /version),
    /// the real server's 404 for a resource it does not serve.
    /// </summary>
    public static ResourcePath? Parse(string[] segments, Resources.ResourceCatalog catalog) => segments switch
    {
        ["api", "v1", _, ..] => Parse("", "v1", segments.AsSpan(2), catalog),
        ["apis", var group, var version, _, ..] => Parse(group, version, segments.AsSpan(3), catalog),
        _ => null,
    };

    private static ResourcePath Parse(string group, string version, ReadOnlySpan<string> rest, Resources.ResourceCatalog catalog)
    {
        if (rest.Length >= 3 && rest[0] == "namespaces" && catalog.Find(group, version, rest[2]) is { Namespaced: true } namespaced)
        {
            return rest.Length switch
            {
                3 => new ResourcePath(namespaced, rest[1], null),
                4 => new ResourcePath(namespaced, rest[1], rest[3]),
                _ => throw ApiError.UnknownPath(),
            };
        }
        var resource = catalog.Find(group, version, rest[0]) ?? throw ApiError.UnknownPath();
        return rest.Length switch
        {
            1 => new ResourcePath(resource, null, null),
            2 when !resource.Namespaced => new ResourcePath(resource, null, rest[1]),
            _ => throw ApiError.UnknownPath(),
        };
    }

    public Storage.ObjectKey Key => new(Resource.Namespaced ? Namespace ?? "" : "", Name ?? "");
}
