using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Storage;

/// <summary>How objects are written and read: compact JSON, with the field accessors every layer needs.</summary>
internal static class Json
{
    /// <summary>Like Go's encoder, '+' and '/' in base64 and PEM stay readable.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) node.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata) return metadata;
        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    /// <summary>A string field, or null when it is missing, null or not a string.</summary>
    public static string? String(JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An integer field whether it was parsed (JsonElement) or built in code (int or long); null otherwise.</summary>
    public static long? Integer(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The value at a dotted path as the text a field selector compares with; null when absent.</summary>
    public static string? Text(JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        if (node is not JsonValue value) return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
    }

    public static IEnumerable<KeyValuePair<string, string>> StringMap(JsonNode? node)
    {
        if (node is not JsonObject map) yield break;
        foreach (var (key, value) in map)
            if (value is JsonValue v && v.TryGetValue<string>(out var s)) yield return new(key, s);
    }
}
