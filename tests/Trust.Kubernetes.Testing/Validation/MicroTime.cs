using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>
/// metav1.MicroTime as the real server decodes it: Go's time.Parse with layout RFC3339Micro, which takes exactly six
/// fractional digits (System.Text.Json's seven are refused) and a Z or a ±hh:mm offset.
/// </summary>
internal static partial class MicroTime
{
    private const string GoLayout = "2006-01-02T15:04:05.000000Z07:00";

    public static void Decode(JsonNode? node, string field)
    {
        if (node is null) return;
        if (node.GetValueKind() != JsonValueKind.String)
            throw new DecodeFailure($"json: cannot unmarshal {node.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {field} of type string");
        var text = node.GetValue<string>();
        if (!Shape().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            throw new DecodeFailure($"parsing time \"{text}\" as \"{GoLayout}\": cannot parse \"{text}\" as a time with exactly six fractional digits");
    }

    public static bool IsSet(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();
}
