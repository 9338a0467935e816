using FsCheck;
using FsCheck.Xunit;
using Trust.Pem;

namespace Trust.Tests.Pem;

public class PemTextTests
{
    [Theory]
    [InlineData(0, "-----BEGIN X-----\n-----END X-----\n")]
    [InlineData(1, "-----BEGIN X-----\nAA==\n-----END X-----\n")]
    [InlineData(3, "-----BEGIN X-----\nAAAA\n-----END X-----\n")]
    public void Small_blocks_are_written_exactly(int bytes, string pem) => Assert.Equal(pem, PemText.Write("X", new byte[bytes]));

    [Theory]
    [InlineData(48, 1)]
    [InlineData(49, 2)]
    [InlineData(96, 2)]
    [InlineData(97, 3)]
    public void Lines_wrap_at_64_columns(int bytes, int lines)
    {
        var body = PemText.Write("DATA", new byte[bytes]).Split('\n')[1..^2];
        Assert.Equal(lines, body.Length);
        Assert.All(body[..^1], l => Assert.Equal(64, l.Length));
        Assert.InRange(body[^1].Length, 4, 64);
    }

    [Property]
    public void Every_non_empty_block_reads_back_as_written(byte[][] items)
    {
        var memories = (items ?? []).Where(i => i is { Length: > 0 }).Select(i => (ReadOnlyMemory<byte>)i).ToArray();
        var text = PemText.Write("CERTIFICATE", memories);
        var blocks = PemBlocks.Read(text, "t").Blocks;
        Assert.Equal(memories.Length, blocks.Count);
        for (var i = 0; i < blocks.Count; i++) Assert.Equal(memories[i].ToArray(), blocks[i].Der);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void Programmer_mistakes_throw()
    {
        Assert.Throws<ArgumentException>(() => PemText.Write("", new byte[1]));
        Assert.Throws<ArgumentNullException>(() => PemText.Write(null!, new byte[1]));
        Assert.Throws<ArgumentNullException>(() => PemText.Write("X", (IReadOnlyList<ReadOnlyMemory<byte>>)null!));
    }
}
