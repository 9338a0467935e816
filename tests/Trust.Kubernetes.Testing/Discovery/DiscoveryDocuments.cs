using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing.Resources;

namespace Trust.Kubernetes.Testing.Discovery;

/// <summary>
/// The documents kubectl reads before it acts: /version, the legacy discovery lists (/api, /api/v1, /apis,
/// /apis/group, /apis/group/version) and OpenAPI stubs. Answering plain JSON where kubectl first asks for aggregated
/// discovery makes it fall back to the legacy lists, as it does with older servers.
/// </summary>
internal sealed class DiscoveryDocuments(ResourceCatalog catalog, FakeApiOptions options)
{
    private static readonly string[] Verbs = ["create", "delete", "get", "list", "patch", "update"];

    public JsonObject Version()
    {
        var parts = options.GitVersion.TrimStart('v').Split('.', '-');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.Length > 1 ? parts[1] : "0",
            ["gitVersion"] = options.GitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z",
            ["goVersion"] = "go1.23.0",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. catalog.Groups.Select(g => (JsonNode)GroupBody(g.Group, g.Version, standalone: false))]),
    };

    /// <summary>/apis/group; null for a group that is not served.</summary>
    public JsonObject? Group(string group)
    {
        var served = catalog.Groups.Where(g => g.Group == group).ToList();
        if (served.Count == 0) return null;
        return GroupBody(group, served[0].Version, standalone: true);
    }

    /// <summary>The APIResourceList of a group version; null for one that is not served.</summary>
    public JsonObject? Resources(string group, string version)
    {
        var resources = catalog.InGroupVersion(group, version).ToList();
        if (resources.Count == 0) return null;
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = resources[0].ApiVersion,
            ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
                ["shortNames"] = new JsonArray([.. r.ShortNames.Select(s => (JsonNode)s)]),
            })]),
        };
    }

    /// <summary>OpenAPI v3's index with no paths: kubectl then knows no schema, skips client-side validation and builds apply patches from its compiled-in types.</summary>
    public static JsonObject OpenApiV3Index() => new() { ["paths"] = new JsonObject() };

    /// <summary>An OpenAPI v2 document with no definitions, for a client that asks for JSON.</summary>
    public JsonObject OpenApiV2() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = options.GitVersion },
        ["paths"] = new JsonObject(),
        ["definitions"] = new JsonObject(),
    };

    /// <summary>An APIGroup: on its own at /apis/group, or as an item of the APIGroupList.</summary>
    private static JsonObject GroupBody(string group, string version, bool standalone)
    {
        var groupVersion = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        var body = standalone ? new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" } : new JsonObject();
        body["name"] = group;
        body["versions"] = new JsonArray(groupVersion);
        body["preferredVersion"] = groupVersion.DeepClone();
        return body;
    }
}
