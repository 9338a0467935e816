namespace Trust.Kubernetes.Testing;

/// <summary>A kind of object the fake API server can store, named as the real server names it in paths and messages.</summary>
public sealed class KubeResource
{
    private KubeResource(string group, string version, string plural, string kind, bool namespaced, bool hasGeneration, params string[] shortNames)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
        HasGeneration = hasGeneration;
        ShortNames = shortNames;
    }

    /// <summary>Core v1 Secrets.</summary>
    public static KubeResource Secrets { get; } = new("", "v1", "secrets", "Secret", namespaced: true, hasGeneration: false);

    /// <summary>Core v1 ConfigMaps.</summary>
    public static KubeResource ConfigMaps { get; } = new("", "v1", "configmaps", "ConfigMap", namespaced: true, hasGeneration: false, "cm");

    /// <summary>Core v1 Pods.</summary>
    public static KubeResource Pods { get; } = new("", "v1", "pods", "Pod", namespaced: true, hasGeneration: false, "po");

    /// <summary>Core v1 Events (stored apart from events.k8s.io/v1 Events).</summary>
    public static KubeResource Events { get; } = new("", "v1", "events", "Event", namespaced: true, hasGeneration: false, "ev");

    /// <summary>Core v1 Namespaces (cluster-scoped).</summary>
    public static KubeResource Namespaces { get; } = new("", "v1", "namespaces", "Namespace", namespaced: false, hasGeneration: false, "ns");

    /// <summary>coordination.k8s.io/v1 Leases.</summary>
    public static KubeResource Leases { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, hasGeneration: false);

    /// <summary>events.k8s.io/v1 Events.</summary>
    public static KubeResource EventsV1 { get; } = new("events.k8s.io", "v1", "events", "Event", namespaced: true, hasGeneration: false, "ev");

    /// <summary>apps/v1 Deployments.</summary>
    public static KubeResource Deployments { get; } = new("apps", "v1", "deployments", "Deployment", namespaced: true, hasGeneration: true, "deploy");

    /// <summary>apps/v1 StatefulSets.</summary>
    public static KubeResource StatefulSets { get; } = new("apps", "v1", "statefulsets", "StatefulSet", namespaced: true, hasGeneration: true, "sts");

    /// <summary>apps/v1 DaemonSets.</summary>
    public static KubeResource DaemonSets { get; } = new("apps", "v1", "daemonsets", "DaemonSet", namespaced: true, hasGeneration: true, "ds");

    /// <summary>apps/v1 ReplicaSets.</summary>
    public static KubeResource ReplicaSets { get; } = new("apps", "v1", "replicasets", "ReplicaSet", namespaced: true, hasGeneration: true, "rs");

    /// <summary>cert-manager.io/v1 Certificates, served only when <see cref="FakeApiOptions.ServeCertManager"/> is set.</summary>
    public static KubeResource Certificates { get; } = new("cert-manager.io", "v1", "certificates", "Certificate", namespaced: true, hasGeneration: true, "cert", "certs");

    /// <summary>Every resource this server knows, in discovery order.</summary>
    public static IReadOnlyList<KubeResource> All { get; } =
        [Namespaces, Secrets, ConfigMaps, Pods, Events, Leases, EventsV1, Deployments, StatefulSets, DaemonSets, ReplicaSets, Certificates];

    /// <summary>The API group; empty for the core group.</summary>
    public string Group { get; }

    /// <summary>The API version within the group, such as <c>v1</c>.</summary>
    public string Version { get; }

    /// <summary>The lower-case plural used in paths, such as <c>secrets</c>.</summary>
    public string Plural { get; }

    /// <summary>The kind of one object, such as <c>Secret</c>.</summary>
    public string Kind { get; }

    /// <summary>Whether objects live in a namespace.</summary>
    public bool Namespaced { get; }

    /// <summary>Abbreviations kubectl accepts, such as <c>cm</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; }

    /// <summary>Whether the server keeps metadata.generation, bumped when anything outside metadata and status changes.</summary>
    public bool HasGeneration { get; }

    /// <summary>The apiVersion field of an object: <c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name the real server uses in NotFound and Conflict messages: <c>secrets</c>, <c>leases.coordination.k8s.io</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The name the real server uses in Invalid messages: <c>Secret</c>, <c>Lease.coordination.k8s.io</c>.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>The lower-case kind kubectl accepts as the singular name.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>The path of the group version: <c>/api/v1</c> or <c>/apis/group/version</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? "/api/" + Version : $"/apis/{Group}/{Version}";

    /// <summary>The path of an object (or of the collection when <paramref name="name"/> is null).</summary>
    public string PathOf(string? @namespace, string? name = null)
    {
        var collection = Namespaced && @namespace is not null ? $"{GroupVersionPath}/namespaces/{@namespace}/{Plural}" : $"{GroupVersionPath}/{Plural}";
        return name is null ? collection : $"{collection}/{name}";
    }

    /// <inheritdoc />
    public override string ToString() => GroupResource;
}
