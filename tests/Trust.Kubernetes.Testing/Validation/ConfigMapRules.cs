using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>core/v1 ConfigMap: UTF-8 data and base64 binaryData with no key in both, immutability, 1 MiB.</summary>
internal sealed class ConfigMapRules : IResourceRules
{
    public void Decode(JsonObject obj)
    {
        Base64Map.Decode(obj["binaryData"], "ConfigMap.binaryData");
        if (obj["data"] is { } data && (data is not JsonObject map || map.Any(p => p.Value is not null && p.Value.GetValueKind() != JsonValueKind.String)))
            throw new DecodeFailure("json: cannot unmarshal into Go struct field ConfigMap.data of type map[string]string");
    }

    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        foreach (var error in NameRules.ConfigKeys("data", obj["data"])) yield return error;
        foreach (var error in NameRules.ConfigKeys("binaryData", obj["binaryData"])) yield return error;
        if (obj["data"] is JsonObject data && obj["binaryData"] is JsonObject binary)
            foreach (var (key, _) in data.Where(p => binary.ContainsKey(p.Key)))
                yield return FieldError.Invalid($"data[{key}]", key, "duplicate of key present in binaryData");
        var size = Storage.Json.StringMap(obj["data"]).Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Value)) + Base64Map.DecodedSize(obj["binaryData"]);
        if (size > SecretRules.MaxSize) yield return FieldError.TooLongData("", SecretRules.MaxSize);
        foreach (var error in ImmutableData.Check(obj, old, "data", "binaryData")) yield return error;
    }
}
