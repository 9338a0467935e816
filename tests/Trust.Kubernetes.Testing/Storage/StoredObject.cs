using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Storage;

/// <summary>
/// One stored version of an object. Never changed after it is stored: the JSON is kept serialized so that a list of
/// ten thousand pods is a copy of bytes; the node is parsed from it on first use when the object was stored as bytes.
/// Readers that want to change the node clone it first.
/// </summary>
internal sealed class StoredObject
{
    private JsonObject? _node;

    public StoredObject(ObjectKey key, JsonObject node, long resourceVersion)
    {
        Key = key;
        _node = node;
        Json = Storage.Json.Serialize(node);
        ResourceVersion = resourceVersion;
    }

    public StoredObject(ObjectKey key, byte[] json, long resourceVersion)
    {
        Key = key;
        Json = json;
        ResourceVersion = resourceVersion;
    }

    public ObjectKey Key { get; }
    public byte[] Json { get; }
    public long ResourceVersion { get; }

    public JsonObject Node
    {
        get
        {
            if (_node is { } node) return node;
            Interlocked.CompareExchange(ref _node, (JsonObject)JsonNode.Parse(Json)!, null);
            return _node;
        }
    }

    public string Uid => Storage.Json.String(Node["metadata"], "uid") ?? "";

    public JsonObject Clone() => (JsonObject)Node.DeepClone();
}
