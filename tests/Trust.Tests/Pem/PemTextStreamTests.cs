using System.Text;
using Trust.Pem;

namespace Trust.Tests.Pem;

/// <summary>
/// The stream writer must write exactly the text writer's bytes, through one 64 KiB buffer: small blocks gathered into
/// few writes, a flush before a block that would not fit, and a block larger than the buffer written on its own.
/// </summary>
public class PemTextStreamTests
{
    private const int Buffer = 1 << 16;

    /// <summary>A stream that counts the writes of at least one byte made to it (span writes arrive here too).</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (count > 0) Writes++;
            base.Write(buffer, offset, count);
        }
    }

    private static ReadOnlyMemory<byte> Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="items"/> both ways, checks the bytes agree, and returns how many writes the stream saw.</summary>
    private static int WritesOf(string label, params ReadOnlyMemory<byte>[] items)
    {
        var stream = new CountingStream();
        PemText.Write(stream, label, items);
        Assert.Equal(Encoding.UTF8.GetBytes(PemText.Write(label, items)), stream.ToArray());
        return stream.Writes;
    }

    /// <summary>The length of one block as the text writer writes it (BEGIN and END lines, 64-column base64).</summary>
    private static int Length(string label, int der)
    {
        var base64 = (der + 2) / 3 * 4;
        return 32 + 2 * label.Length + base64 + (base64 + 63) / 64;
    }

    [Fact]
    public void The_length_formula_of_these_tests_is_the_text_writers()
    {
        foreach (var n in new[] { 1, 2, 3, 47, 48, 49, 100, 1000, 30_000 })
            Assert.Equal(PemText.Write("CERTIFICATE", new byte[n]).Length, Length("CERTIFICATE", n));
    }

    [Fact]
    public void Small_blocks_are_gathered_into_one_write()
    {
        var items = Enumerable.Range(1, 100).Select(i => Bytes(i * 3, i)).ToArray();
        Assert.Equal(1, WritesOf("CERTIFICATE", items));
    }

    [Fact]
    public void Blocks_of_all_sizes_are_written_as_the_text_writer_writes_them()
    {
        // Over 64 KiB in all, with blocks of 1,000 bytes and more, one of them larger than the buffer on its own.
        var items = new[] { 1, 1000, 5000, 22_000, 2, 30_000, 70_000, 3, 48, 1_500, 40_000 }.Select((n, i) => Bytes(n, i)).ToArray();
        Assert.InRange(WritesOf("CERTIFICATE", items), 4, 8);
        Assert.Equal(0, WritesOf("X"));
    }

    /// <summary>Three block sizes, the last two small, whose blocks take exactly <paramref name="total"/> characters together.</summary>
    private static int[] Filling(int total)
    {
        var sizeOfLength = new Dictionary<int, int>();
        for (var n = 1; n < 60_000; n++) sizeOfLength.TryAdd(Length("CERTIFICATE", n), n);
        for (var second = 100; second < 400; second++)
        for (var third = 1; third < 100; third++)
            if (sizeOfLength.TryGetValue(total - Length("CERTIFICATE", second) - Length("CERTIFICATE", third), out var first))
                return [first, second, third];
        throw new InvalidOperationException("no sizes fit");
    }

    private static ReadOnlyMemory<byte>[] Blocks(int[] sizes) => sizes.Select((n, i) => Bytes(n, i)).ToArray();

    [Fact]
    public void Blocks_that_fill_the_buffer_exactly_go_out_in_one_write()
    {
        var sizes = Filling(Buffer);
        Assert.Equal(Buffer, sizes.Sum(n => Length("CERTIFICATE", n)));
        Assert.Equal(1, WritesOf("CERTIFICATE", Blocks(sizes)));
    }

    [Fact]
    public void A_block_one_character_too_long_for_the_buffer_is_written_after_a_flush()
    {
        // Any smaller estimate of the last block's length would write it past the buffer's end.
        var sizes = Filling(Buffer + 1);
        Assert.Equal(Buffer + 1, sizes.Sum(n => Length("CERTIFICATE", n)));
        Assert.Equal(2, WritesOf("CERTIFICATE", Blocks(sizes)));
    }

    [Fact]
    public void A_block_exactly_the_buffers_size_goes_through_the_buffer()
    {
        var size = Enumerable.Range(40_000, 10_000).First(n => Length("CERTIFICATE", n) == Buffer || Length("CERTIFICATES", n) == Buffer);
        var label = Length("CERTIFICATE", size) == Buffer ? "CERTIFICATE" : "CERTIFICATES";
        Assert.Equal(1, WritesOf(label, Bytes(size, 3)));
        Assert.Equal(1, WritesOf(label, Bytes(size + 3, 3))); // larger than the buffer: written on its own
        Assert.Equal(3, WritesOf(label, Bytes(10, 4), Bytes(size + 3, 3), Bytes(10, 5))); // what came before, it, what came after
    }

    [Fact]
    public void Programmer_mistakes_are_named()
    {
        ReadOnlyMemory<byte>[] items = [new byte[1]];
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => PemText.Write(null!, "X", items)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentNullException>(() => PemText.Write(new MemoryStream(), null!, items)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => PemText.Write(new MemoryStream(), "", items)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => PemText.Write(new MemoryStream(), "X", null!)).ParamName);
    }

    [Fact]
    public void More_text_than_one_string_holds_is_refused_before_anything_is_allocated()
    {
        // 1,600 references to one 1 MiB array: about 2.2 GiB of PEM, computed from the lengths alone.
        ReadOnlyMemory<byte> mebibyte = new byte[1 << 20];
        var e = Assert.Throws<ArgumentException>(() => PemText.Write("CERTIFICATE", Enumerable.Repeat(mebibyte, 1600).ToArray()));
        Assert.Equal("items", e.ParamName);
        Assert.StartsWith("too much PEM for one string", e.Message);
    }
}
