using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>core/v1 Secret: base64 data, write-only stringData, a type that never changes, TLS keys, immutability, 1 MiB.</summary>
internal sealed class SecretRules : IResourceRules
{
    public const int MaxSize = 1024 * 1024;
    private const string TlsType = "kubernetes.io/tls";

    public void Decode(JsonObject obj)
    {
        Base64Map.Decode(obj["data"], "Secret.data");
        if (obj["stringData"] is { } stringData && (stringData is not JsonObject map || map.Any(p => p.Value is not null && p.Value.GetValueKind() != JsonValueKind.String)))
            throw new DecodeFailure("json: cannot unmarshal into Go struct field Secret.stringData of type map[string]string");
    }

    public void Normalize(JsonObject obj)
    {
        if (string.IsNullOrEmpty(Storage.Json.String(obj, "type"))) obj["type"] = "Opaque";
        if (obj["stringData"] is JsonObject stringData)
        {
            if (obj["data"] is not JsonObject data) obj["data"] = data = new JsonObject();
            foreach (var (key, value) in Storage.Json.StringMap(stringData)) data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }
        obj.Remove("stringData");
    }

    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        foreach (var error in NameRules.ConfigKeys("data", obj["data"])) yield return error;
        if (Base64Map.DecodedSize(obj["data"]) > MaxSize) yield return FieldError.TooLongData("data", MaxSize);
        var type = Storage.Json.String(obj, "type") ?? "";
        if (type == TlsType)
        {
            var data = obj["data"] as JsonObject;
            foreach (var key in new[] { "tls.crt", "tls.key" })
                if (data is null || !data.ContainsKey(key)) yield return FieldError.Required($"data[{key}]");
        }
        if (old is null) yield break;
        var oldType = Storage.Json.String(old, "type") ?? "";
        if (type != oldType) yield return FieldError.Invalid("type", type, "field is immutable");
        foreach (var error in ImmutableData.Check(obj, old, "data")) yield return error;
    }
}
