namespace Trust.Tests;

public class ByteArrayComparerTests
{
    [Fact]
    public void Equal_contents_hash_alike_and_different_contents_hash_apart()
    {
        var comparer = ByteArrayComparer.Instance;
        Assert.Equal(comparer.GetHashCode([1, 2, 3]), comparer.GetHashCode(new byte[] { 1, 2, 3 }));
        Assert.True(comparer.Equals([1, 2, 3], new byte[] { 1, 2, 3 }));
        // A content hash: distinct arrays (here 256 of them) do not all share one value.
        var hashes = Enumerable.Range(0, 256).Select(i => comparer.GetHashCode([(byte)i, 7])).Distinct().Count();
        Assert.True(hashes > 200, $"{hashes} distinct hashes for 256 distinct arrays");
    }
}
