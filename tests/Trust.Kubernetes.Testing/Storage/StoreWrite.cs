using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Storage;

/// <summary>What a write decided to do with the stored object: leave it, store a new version, or remove it.</summary>
internal readonly record struct StoreWrite(StoreWriteKind Kind, JsonObject? Next)
{
    public static StoreWrite Keep => new(StoreWriteKind.Keep, null);
    public static StoreWrite Remove => new(StoreWriteKind.Remove, null);
    public static StoreWrite Put(JsonObject next) => new(StoreWriteKind.Put, next);
}

internal enum StoreWriteKind { Keep, Put, Remove }
