using System.Text;
using Trust.Pem;

namespace Trust.Tests.Pem;

/// <summary>
/// Go's encoding/pem.Decode rules, one per case (the differential against Go itself is LinkerdPemTests). Each case
/// gives what Go 1.19's Decode gives, except the header running past the END line, whose answer changed with Go's
/// linear-time Decode (1.24.8 / 1.25.2); that case follows the newer code.
/// </summary>
public class GoPemDecoderTests
{
    private static GoPemDecoder.Block? Decode(string text) =>
        GoPemDecoder.TryDecode(Encoding.UTF8.GetBytes(text), 0, out var block) ? block : null;

    [Fact]
    public void An_END_line_before_any_BEGIN_is_passed_over()
    {
        const string text = "\n-----END X-----\n-----BEGIN X-----\nAAAA\n-----END X-----\nrest";
        var block = Decode(text)!.Value;
        Assert.Equal("X", Encoding.UTF8.GetString(block.Type));
        Assert.Equal(new byte[3], block.Bytes);
        Assert.False(block.HasHeaders);
        Assert.Equal(text.IndexOf("-----BEGIN", StringComparison.Ordinal), block.Begin);
        Assert.Equal(text.IndexOf("rest", StringComparison.Ordinal), block.Next);
    }

    [Fact]
    public void A_BEGIN_line_without_closing_dashes_is_no_block()
    {
        Assert.Null(Decode("-----BEGIN X\nAAAA\n-----END X-----\n"));
    }

    [Fact]
    public void An_END_line_of_another_type_is_no_block()
    {
        Assert.Null(Decode("-----BEGIN X-----\nAAAA\n-----END Y-----\n"));
        Assert.Null(Decode("-----BEGIN X-----\nAAAA\n-----END X----\n"));
    }

    [Fact]
    public void A_header_line_may_start_with_its_colon()
    {
        var block = Decode("-----BEGIN X-----\n:x\n\nAAAA\n-----END X-----\n")!.Value;
        Assert.True(block.HasHeaders);
        Assert.Equal(new byte[3], block.Bytes);
    }

    [Fact]
    public void Headers_then_a_blank_line_then_END_is_an_empty_block()
    {
        var block = Decode("-----BEGIN X-----\nA: b\n\n-----END X-----\n")!.Value;
        Assert.True(block.HasHeaders);
        Assert.Empty(block.Bytes);
    }

    [Fact]
    public void Headers_that_run_to_the_end_of_the_input_are_no_block()
    {
        // The END line has a colon, so it reads as a header and nothing is left after it.
        Assert.Null(Decode("-----BEGIN X-----\n-----END X:-----"));
    }

    [Fact]
    public void Headers_that_run_past_the_END_line_end_the_search()
    {
        // Go passes the block over and, its END already behind, gives up rather than read the later block.
        Assert.Null(Decode("-----BEGIN X-----\n-----END X:-----\nmore\n-----BEGIN Y-----\nAAAA\n-----END Y-----\n"));
    }

    [Fact]
    public void A_body_of_spaces_is_an_empty_block()
    {
        var block = Decode("-----BEGIN X-----\n \t\n-----END X-----\n")!.Value;
        Assert.Empty(block.Bytes);
    }

    [Fact]
    public void Base64_must_come_in_groups_of_four()
    {
        Assert.Null(Decode("-----BEGIN X-----\nAAA\n-----END X-----\n"));
        Assert.Null(Decode("-----BEGIN X-----\nAAAAA\n-----END X-----\n"));
        Assert.Equal(new byte[6], Decode("-----BEGIN X-----\nAA AA\r\nAAAA\n-----END X-----\n")!.Value.Bytes);
    }
}
