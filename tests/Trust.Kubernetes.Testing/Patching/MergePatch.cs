using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge key by key, null deletes a key, anything else replaces.</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes) return patch?.DeepClone();
        var result = target is JsonObject original ? (JsonObject)original.DeepClone() : new JsonObject();
        foreach (var (key, value) in changes)
        {
            if (value is null) result.Remove(key);
            else result[key] = Apply(result[key], value);
        }
        return result;
    }
}
