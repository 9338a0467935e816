using System.Collections.Concurrent;

namespace Trust.Kubernetes.Testing;

/// <summary>Every request the server answered, in the order the answers started. Thread-safe.</summary>
public sealed class RequestLog
{
    private ConcurrentQueue<RequestRecord> _records = new();

    /// <summary>How many requests are logged.</summary>
    public int Count => _records.Count;

    /// <summary>A copy of the log.</summary>
    public IReadOnlyList<RequestRecord> All => [.. _records];

    /// <summary>Forgets every logged request.</summary>
    public void Clear() => Interlocked.Exchange(ref _records, new ConcurrentQueue<RequestRecord>());

    internal void Add(RequestRecord record) => _records.Enqueue(record);
}
