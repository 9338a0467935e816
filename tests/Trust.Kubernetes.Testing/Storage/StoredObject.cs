using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Storage;

/// <summary>
/// One stored version of an object. Never changed after it is stored: the JSON is kept serialized so that a list of
/// ten thousand pods is a copy of bytes, and readers that want to change the node clone it first.
/// </summary>
internal sealed class StoredObject(JsonObject node, long resourceVersion)
{
    public JsonObject Node { get; } = node;
    public byte[] Json { get; } = Storage.Json.Serialize(node);
    public long ResourceVersion { get; } = resourceVersion;
    public string Uid => Storage.Json.String(Node["metadata"], "uid") ?? "";

    public JsonObject Clone() => (JsonObject)Node.DeepClone();
}
