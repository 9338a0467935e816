using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Pods;

/// <summary>
/// Pods as a cluster with Linkerd has them: a meshed pod carries a <c>linkerd-proxy</c> container whose
/// <c>LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS</c> env var holds the trust anchors PEM the proxy was started with.
/// </summary>
internal static class PodFactory
{
    public const string ProxyContainer = "linkerd-proxy";
    public const string TrustAnchorsVariable = "LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS";
    public const string ControlPlaneLabel = "linkerd.io/control-plane-ns";
    public const string DeploymentName = "web";
    public const string ReplicaSetName = "web-7d4b9c8f5";

    public static JsonObject Pod(string @namespace, string name, IReadOnlyDictionary<string, string>? labels, string phase, string? creationTimestamp,
        string? trustAnchorsPem, JsonArray? ownerReferences)
    {
        var labelMap = new JsonObject();
        if (trustAnchorsPem is not null) labelMap[ControlPlaneLabel] = "linkerd";
        foreach (var (key, value) in labels ?? new Dictionary<string, string>()) labelMap[key] = value;
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["labels"] = labelMap };
        if (creationTimestamp is not null) metadata["creationTimestamp"] = creationTimestamp;
        if (ownerReferences is not null) metadata["ownerReferences"] = ownerReferences;
        var containers = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:test" });
        if (trustAnchorsPem is not null)
        {
            containers.Add(new JsonObject
            {
                ["name"] = ProxyContainer,
                ["image"] = "linkerd-proxy:test",
                ["env"] = new JsonArray(new JsonObject { ["name"] = TrustAnchorsVariable, ["value"] = trustAnchorsPem }),
            });
        }
        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["containers"] = containers },
            ["status"] = new JsonObject { ["phase"] = phase },
        };
    }

    public static JsonObject Deployment(string @namespace) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = DeploymentName, ["namespace"] = @namespace, ["labels"] = new JsonObject { ["app"] = DeploymentName } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = DeploymentName } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = DeploymentName } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:test" }) },
            },
        },
    };

    public static JsonObject ReplicaSet(string @namespace, JsonObject deployment) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = ReplicaSetName,
            ["namespace"] = @namespace,
            ["labels"] = new JsonObject { ["app"] = DeploymentName, ["pod-template-hash"] = "7d4b9c8f5" },
            ["ownerReferences"] = new JsonArray(OwnerReference("apps/v1", "Deployment", deployment)),
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = DeploymentName, ["pod-template-hash"] = "7d4b9c8f5" } },
        },
    };

    /// <summary>A controller owner reference to a stored object, as controllers set them.</summary>
    public static JsonObject OwnerReference(string apiVersion, string kind, JsonObject owner) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = owner["metadata"]!["name"]!.GetValue<string>(),
        ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
