namespace Trust;

/// <summary>Compares byte arrays and memory by content.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IEqualityComparer<ReadOnlyMemory<byte>>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] value) => GetHashCode((ReadOnlyMemory<byte>)value);

    public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<byte> value)
    {
        var hash = new HashCode();
        hash.AddBytes(value.Span);
        return hash.ToHashCode();
    }
}
