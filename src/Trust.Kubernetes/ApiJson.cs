using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using Trust.Kubernetes.Wire;
using Trust.Time;

namespace Trust.Kubernetes;

/// <summary>
/// The JSON contracts of the kinds the job reads and writes. Secrets, ConfigMaps, Leases, Events and delete options use
/// KubernetesClient's models (the job writes them back); pods, workloads and cert-manager Certificates use the small
/// views in <see cref="Wire"/> (only what the job reads: a pod list of 10,000 pods keeps nothing else).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(ApiTimeConverter)])]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(Eventsv1Event))]
[JsonSerializable(typeof(V1DeleteOptions))]
[JsonSerializable(typeof(PodList))]
[JsonSerializable(typeof(WorkloadObject))]
[JsonSerializable(typeof(ObjectHead))]
// Fields typed object (managedFields' fieldsV1) hold a JsonElement when read and are written back as one.
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ApiJson : JsonSerializerContext;

/// <summary>
/// Kubernetes times: read as RFC 3339 with any fraction (a Time has none, a MicroTime six digits); always written with
/// six fractional digits in UTC, which both a Time and a MicroTime accept (a MicroTime demands exactly six).
/// </summary>
internal sealed class ApiTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("a time is null");
        if (Rfc3339.TryParse(Fraction7(text), out var time)) return time.UtcDateTime;
        throw new JsonException($"'{text}' is not an RFC 3339 time");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>Nanoseconds (Go's RFC3339Nano) cut to the 7 digits .NET keeps.</summary>
    private static string Fraction7(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return text;
        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return end - dot - 1 <= 7 ? text : text[..(dot + 8)] + text[end..];
    }
}
