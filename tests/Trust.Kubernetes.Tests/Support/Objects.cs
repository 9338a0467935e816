using System.Text;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Tests.Support;

/// <summary>Request bodies the tests send, as JSON text.</summary>
public static class Objects
{
    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string Secret(string name, object? data = null, string? type = null, string? resourceVersion = null, bool? immutable = null,
        object? stringData = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (resourceVersion is not null) metadata["resourceVersion"] = resourceVersion;
        var secret = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = metadata };
        if (type is not null) secret["type"] = type;
        if (data is not null) secret["data"] = Map(data);
        if (stringData is not null) secret["stringData"] = Map(stringData);
        if (immutable is not null) secret["immutable"] = immutable;
        return secret.ToJsonString();
    }

    public static string ConfigMap(string name, object? data = null, object? binaryData = null)
    {
        var configMap = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name } };
        if (data is not null) configMap["data"] = Map(data);
        if (binaryData is not null) configMap["binaryData"] = Map(binaryData);
        return configMap.ToJsonString();
    }

    public static string Lease(string name, string? acquireTime = null, string? renewTime = null, int? durationSeconds = 15, string holder = "job-1")
    {
        var spec = new JsonObject { ["holderIdentity"] = holder, ["leaseTransitions"] = 0 };
        if (durationSeconds is not null) spec["leaseDurationSeconds"] = durationSeconds;
        if (acquireTime is not null) spec["acquireTime"] = acquireTime;
        if (renewTime is not null) spec["renewTime"] = renewTime;
        return new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        }.ToJsonString();
    }

    /// <summary>A valid events.k8s.io/v1 Event; <paramref name="change"/> edits it before it is sent.</summary>
    public static string EventV1(string name, string @namespace = "default", Action<JsonObject>? change = null)
    {
        var ev = new JsonObject
        {
            ["apiVersion"] = "events.k8s.io/v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["eventTime"] = "2026-01-02T03:04:05.123456Z",
            ["type"] = "Normal",
            ["reportingController"] = "trust.linkerd.io/rotate",
            ["reportingInstance"] = "rotate-job-abc12",
            ["action"] = "Rotate",
            ["reason"] = "AnchorAdded",
            ["note"] = "the new anchor joined the bundle",
            ["regarding"] = new JsonObject { ["kind"] = "Secret", ["namespace"] = @namespace, ["name"] = "linkerd-identity-issuer" },
        };
        change?.Invoke(ev);
        return ev.ToJsonString();
    }

    /// <summary>A JSON map from an anonymous object or a dictionary: <c>new { a = "b" }</c>.</summary>
    private static JsonObject Map(object values)
    {
        var map = new JsonObject();
        var pairs = values as IEnumerable<KeyValuePair<string, string>>
            ?? values.GetType().GetProperties().Select(p => new KeyValuePair<string, string>(p.Name.Replace('_', '.'), (string)p.GetValue(values)!));
        foreach (var (key, value) in pairs) map[key] = value;
        return map;
    }
}
