using System.Text;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Http;

/// <summary>
/// Reads the protobuf bodies kubectl's typed commands send (<c>kubectl create namespace|secret|configmap</c>): the
/// <c>k8s\0</c> envelope, a runtime.Unknown holding the object, and the k8s.io/api fields of Namespace, Secret and
/// ConfigMap this server keeps (ObjectMeta's name, generateName, namespace, labels, annotations, finalizers).
/// Other kinds answer 415, as if the server spoke JSON only.
/// </summary>
internal static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    private enum Shape { String, Bytes, Bool, StringList, StringMap, BytesMap, Message }

    private sealed record Field(string Name, Shape Shape, IReadOnlyDictionary<int, Field>? Message = null);

    private static readonly Dictionary<int, Field> ObjectMeta = new()
    {
        [1] = new("name", Shape.String),
        [2] = new("generateName", Shape.String),
        [3] = new("namespace", Shape.String),
        [6] = new("resourceVersion", Shape.String),
        [11] = new("labels", Shape.StringMap),
        [12] = new("annotations", Shape.StringMap),
        [14] = new("finalizers", Shape.StringList),
    };

    private static readonly Dictionary<KubeResource, Dictionary<int, Field>> Kinds = new()
    {
        [KubeResource.Namespaces] = new()
        {
            [1] = new("metadata", Shape.Message, ObjectMeta),
            [2] = new("spec", Shape.Message, new Dictionary<int, Field> { [1] = new("finalizers", Shape.StringList) }),
        },
        [KubeResource.Secrets] = new()
        {
            [1] = new("metadata", Shape.Message, ObjectMeta),
            [2] = new("data", Shape.BytesMap),
            [3] = new("type", Shape.String),
            [4] = new("stringData", Shape.StringMap),
            [5] = new("immutable", Shape.Bool),
        },
        [KubeResource.ConfigMaps] = new()
        {
            [1] = new("metadata", Shape.Message, ObjectMeta),
            [2] = new("data", Shape.StringMap),
            [3] = new("binaryData", Shape.BytesMap),
            [4] = new("immutable", Shape.Bool),
        },
    };

    public static bool CanRead(KubeResource resource) => Kinds.ContainsKey(resource);

    /// <summary>The object as JSON; a body that is not a protobuf-encoded object of the resource is a 400.</summary>
    public static JsonObject Read(ReadOnlySpan<byte> body, KubeResource resource)
    {
        try
        {
            if (!body.StartsWith(Magic)) throw new FormatException("missing the k8s protobuf prefix");
            // runtime.Unknown: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw (the object's own message).
            var unknown = Message(body[Magic.Length..], new Dictionary<int, Field>
            {
                [1] = new("typeMeta", Shape.Message, new Dictionary<int, Field> { [1] = new("apiVersion", Shape.String), [2] = new("kind", Shape.String) }),
                [2] = new("raw", Shape.Bytes),
            });
            var kind = Storage.Json.String(unknown["typeMeta"], "kind");
            if (kind != resource.Kind) throw new FormatException($"the body holds a {kind}, not a {resource.Kind}");
            var raw = Convert.FromBase64String(Storage.Json.String(unknown, "raw") ?? "");
            var obj = Message(raw, Kinds[resource]);
            obj["apiVersion"] = Storage.Json.String(unknown["typeMeta"], "apiVersion");
            obj["kind"] = kind;
            return obj;
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw ApiError.BadRequest($"the protobuf body could not be decoded: {e.Message}");
        }
    }

    private static JsonObject Message(ReadOnlySpan<byte> bytes, IReadOnlyDictionary<int, Field> fields)
    {
        var obj = new JsonObject();
        var at = 0;
        while (at < bytes.Length)
        {
            var key = Varint(bytes, ref at);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (wireType == 0)
            {
                var value = Varint(bytes, ref at);
                if (fields.TryGetValue(number, out var scalar) && scalar.Shape == Shape.Bool) obj[scalar.Name] = value != 0;
                continue;
            }
            if (wireType != 2)
            {
                at += wireType switch { 1 => 8, 5 => 4, _ => throw new FormatException($"unsupported wire type {wireType}") };
                continue;
            }
            var length = (int)Varint(bytes, ref at);
            var payload = bytes.Slice(at, length);
            at += length;
            if (!fields.TryGetValue(number, out var field)) continue;
            switch (field.Shape)
            {
                // proto2 sends every string, set or not; JSON (omitempty) leaves the empty ones out.
                case Shape.String when payload.Length > 0: obj[field.Name] = Encoding.UTF8.GetString(payload); break;
                case Shape.Bytes: obj[field.Name] = Convert.ToBase64String(payload); break;
                case Shape.Message: obj[field.Name] = Message(payload, field.Message!); break;
                case Shape.StringList:
                    if (obj[field.Name] is not JsonArray list) obj[field.Name] = list = [];
                    list.Add(Encoding.UTF8.GetString(payload));
                    break;
                case Shape.StringMap or Shape.BytesMap:
                    if (obj[field.Name] is not JsonObject map) obj[field.Name] = map = [];
                    var valueShape = field.Shape == Shape.StringMap ? Shape.String : Shape.Bytes;
                    var entry = Message(payload, new Dictionary<int, Field> { [1] = new("key", Shape.String), [2] = new("value", valueShape) });
                    map[Storage.Json.String(entry, "key") ?? ""] = Storage.Json.String(entry, "value") ?? "";
                    break;
            }
        }
        return obj;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("varint too long");
    }
}
