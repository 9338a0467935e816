using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>A map[string][]byte field (Secret data, ConfigMap binaryData): string values in standard padded base64.</summary>
internal static class Base64Map
{
    public static void Decode(JsonNode? node, string goField)
    {
        if (node is null) return;
        if (node is not JsonObject map)
            throw new DecodeFailure($"json: cannot unmarshal {node.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {goField} of type map[string][]uint8");
        foreach (var (_, value) in map)
        {
            if (value is null) continue;
            if (value.GetValueKind() != JsonValueKind.String)
                throw new DecodeFailure($"json: cannot unmarshal {value.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {goField} of type []uint8");
            var text = value.GetValue<string>();
            if (!IsBase64(text)) throw new DecodeFailure($"illegal base64 data at input byte {FirstBadByte(text)}");
        }
    }

    /// <summary>The decoded size of every value, which the 1 MiB limit counts.</summary>
    public static long DecodedSize(JsonNode? node) =>
        node is JsonObject map ? map.Sum(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? (long)Convert.FromBase64String(s).Length : 0) : 0;

    private static bool IsBase64(string text)
    {
        // Go's decoder skips only CR and LF; .NET's would also skip spaces and tabs.
        if (text.Any(c => c is ' ' or '\t')) return false;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static int FirstBadByte(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (!(char.IsAsciiLetterOrDigit(text[i]) || text[i] is '+' or '/' or '=' or '\r' or '\n')) return i;
        return text.Length / 4 * 4;
    }
}
