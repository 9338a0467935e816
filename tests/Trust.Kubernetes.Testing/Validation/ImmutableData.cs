using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>The <c>immutable: true</c> rule Secrets and ConfigMaps share: once set it stays, and so do the data fields.</summary>
internal static class ImmutableData
{
    private const string Why = "field is immutable when `immutable` is set";

    public static IEnumerable<FieldError> Check(JsonObject obj, JsonObject? old, params string[] dataFields)
    {
        if (old is null || !IsImmutable(old)) yield break;
        if (!IsImmutable(obj)) yield return FieldError.Forbidden("immutable", Why);
        foreach (var field in dataFields)
            if (!JsonNode.DeepEquals(Empty(old[field]), Empty(obj[field]))) yield return FieldError.Forbidden(field, Why);
    }

    private static bool IsImmutable(JsonObject obj) => obj["immutable"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>Go compares maps with reflect.DeepEqual after decoding, where a missing map and an empty one differ only in nil-ness; treat both as empty.</summary>
    private static JsonNode? Empty(JsonNode? map) => map is JsonObject { Count: 0 } ? null : map;
}
