using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Storage;

/// <summary>
/// The objects of every resource, in (namespace, name) order, and the one resourceVersion counter that every write
/// advances. One lock guards it all: a decision and its write happen together, as etcd's compare-and-swap makes them.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<KubeResource, SortedList<ObjectKey, StoredObject>> _tables = [];
    private long _resourceVersion;

    public long ResourceVersion
    {
        get { lock (_gate) return _resourceVersion; }
    }

    public StoredObject? Get(KubeResource resource, ObjectKey key)
    {
        lock (_gate) return Table(resource).GetValueOrDefault(key);
    }

    /// <summary>
    /// Runs <paramref name="decide"/> on the current version under the lock and carries out what it returns; it may
    /// throw to refuse. Returns the stored version after the write (the removed one for a removal, null if none).
    /// </summary>
    public StoredObject? Write(KubeResource resource, ObjectKey key, Func<StoredObject?, StoreWrite> decide)
    {
        lock (_gate)
        {
            var table = Table(resource);
            var current = table.GetValueOrDefault(key);
            var write = decide(current);
            switch (write.Kind)
            {
                case StoreWriteKind.Put:
                    var next = write.Next!;
                    Json.Metadata(next)["resourceVersion"] = (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return table[key] = new StoredObject(key, next, _resourceVersion);
                case StoreWriteKind.Remove:
                    if (current is not null)
                    {
                        table.Remove(key);
                        _resourceVersion++;
                    }
                    return current;
                default:
                    return current;
            }
        }
    }

    /// <summary>Stores (or replaces) an object given as the bytes <paramref name="render"/> makes for its resourceVersion.</summary>
    public StoredObject Insert(KubeResource resource, ObjectKey key, Func<long, byte[]> render)
    {
        lock (_gate)
        {
            var resourceVersion = ++_resourceVersion;
            return Table(resource)[key] = new StoredObject(key, render(resourceVersion), resourceVersion);
        }
    }

    /// <summary>Stores the object again unchanged but for a new resourceVersion, as another writer would; false when it is missing.</summary>
    public bool Touch(KubeResource resource, ObjectKey key) =>
        Write(resource, key, current => current is null ? StoreWrite.Keep : StoreWrite.Put(current.Clone())) is not null;

    /// <summary>
    /// Up to <paramref name="limit"/> objects (all when 0) of one namespace (all when null) that pass the filter (all
    /// when null), starting after <paramref name="after"/>.
    /// </summary>
    public ListPage List(KubeResource resource, string? @namespace, Func<StoredObject, bool>? filter, int limit, ObjectKey? after)
    {
        var items = new List<StoredObject>(limit > 0 ? Math.Min(limit, 1024) : 64);
        lock (_gate)
        {
            var table = Table(resource);
            var keys = table.Keys;
            var values = table.Values;
            var (start, end) = @namespace is null
                ? (0, keys.Count)
                : (LowerBound(keys, new ObjectKey(@namespace, ""), exclusive: false), LowerBound(keys, new ObjectKey(@namespace + "\0", ""), exclusive: false));
            if (after is { } last) start = Math.Max(start, LowerBound(keys, last, exclusive: true));
            for (var i = start; i < end; i++)
            {
                if (filter is not null && !filter(values[i])) continue;
                if (limit > 0 && items.Count == limit)
                {
                    // Like the real server, a count of what is left is only given when no filter hides items from it.
                    return new ListPage(items, items[^1].Key, filter is null ? end - i : null, _resourceVersion);
                }
                items.Add(values[i]);
            }
            return new ListPage(items, null, null, _resourceVersion);
        }
    }

    public IReadOnlyList<StoredObject> All(KubeResource resource)
    {
        lock (_gate) return [.. Table(resource).Values];
    }

    private SortedList<ObjectKey, StoredObject> Table(KubeResource resource)
    {
        if (!_tables.TryGetValue(resource, out var table)) _tables[resource] = table = [];
        return table;
    }

    /// <summary>The index of the first key at or after (or strictly after, if exclusive) the given one.</summary>
    private static int LowerBound(IList<ObjectKey> keys, ObjectKey key, bool exclusive)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var order = keys[middle].CompareTo(key);
            if (order < 0 || (exclusive && order == 0)) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
