using System.Buffers.Binary;

namespace Trust.Bundles;

/// <summary>
/// A SHA-256 hash as four big-endian words: a dictionary key and sort key without an array per certificate. Ordering
/// is the same as comparing the 32 bytes lexicographically.
/// </summary>
internal readonly record struct Sha256Key(ulong A, ulong B, ulong C, ulong D) : IComparable<Sha256Key>
{
    public const int Size = 32;

    /// <summary>The key of a 32-byte hash.</summary>
    public static Sha256Key From(ReadOnlySpan<byte> hash) => new(
        BinaryPrimitives.ReadUInt64BigEndian(hash),
        BinaryPrimitives.ReadUInt64BigEndian(hash[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(hash[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(hash[24..]));

    public int CompareTo(Sha256Key other)
    {
        var order = A.CompareTo(other.A);
        if (order != 0) return order;
        order = B.CompareTo(other.B);
        if (order != 0) return order;
        order = C.CompareTo(other.C);
        return order != 0 ? order : D.CompareTo(other.D);
    }
}
