using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>The rules of each resource, and the metadata checks every object gets.</summary>
internal static class ObjectRules
{
    private sealed class NoRules : IResourceRules;

    private static readonly Dictionary<KubeResource, IResourceRules> ByResource = new()
    {
        [KubeResource.Secrets] = new SecretRules(),
        [KubeResource.ConfigMaps] = new ConfigMapRules(),
        [KubeResource.Leases] = new LeaseRules(),
        [KubeResource.Events] = new EventRules(eventsV1: false),
        [KubeResource.EventsV1] = new EventRules(eventsV1: true),
        [KubeResource.Namespaces] = new NamespaceRules(),
    };

    public static IResourceRules For(KubeResource resource) => ByResource.GetValueOrDefault(resource) ?? new NoRules();

    public static List<FieldError> Validate(KubeResource resource, JsonObject obj, JsonObject? old)
    {
        var metadata = obj["metadata"];
        var name = Storage.Json.String(metadata, "name") ?? "";
        var errors = new List<FieldError>();
        if (name.Length == 0) errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        else errors.AddRange(resource == KubeResource.Namespaces ? NameRules.DnsLabel("metadata.name", name) : NameRules.Subdomain("metadata.name", name));
        errors.AddRange(NameRules.Labels("metadata.labels", metadata?["labels"]));
        errors.AddRange(For(resource).Validate(obj, old));
        return errors;
    }
}
