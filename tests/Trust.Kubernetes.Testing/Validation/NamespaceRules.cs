using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>core/v1 Namespace: names are DNS labels (checked with the metadata), new ones are Active with the kubernetes finalizer.</summary>
internal sealed class NamespaceRules : IResourceRules
{
    public void Normalize(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec) obj["spec"] = spec = new JsonObject();
        if (spec["finalizers"] is not JsonArray) spec["finalizers"] = new JsonArray("kubernetes");
        if (obj["status"] is not JsonObject) obj["status"] = new JsonObject { ["phase"] = "Active" };
    }
}
