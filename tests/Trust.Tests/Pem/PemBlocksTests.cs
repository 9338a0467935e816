using Trust.Findings;
using Trust.Pem;

namespace Trust.Tests.Pem;

/// <summary>The lenient block splitter: its RFC 1421 header rules and the message for each way a block breaks.</summary>
public class PemBlocksTests
{
    private const string Incomplete = "is not a complete PEM block (truncated, bad base64 or mismatched END line)";

    private static string Key(string body) => $"-----BEGIN EC PRIVATE KEY-----{body}-----END EC PRIVATE KEY-----\n";

    private static string Error(string text)
    {
        var e = Assert.Throws<TrustInputException>(() => PemBlocks.Read(text, "k.pem"));
        Assert.Equal(FindingIds.PemMalformed, e.Finding.Id);
        Assert.Equal("k.pem", e.Finding.Source);
        return e.Finding.Message;
    }

    [Fact]
    public void Null_text_is_a_programmer_mistake()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => PemBlocks.Read(null!, "k.pem")).ParamName);
        Assert.Equal("headers", Assert.Throws<ArgumentNullException>(() => new PemBlock(1, "X", [], null!)).ParamName);
    }

    [Fact]
    public void Blank_lines_before_the_first_header_are_skipped()
    {
        var block = PemBlocks.Read(Key("\n\n\nProc-Type: 4,ENCRYPTED\n\nAAAA\n"), "k.pem").Blocks.Single();
        Assert.Equal([new KeyValuePair<string, string>("Proc-Type", "4,ENCRYPTED")], block.Headers);
        Assert.Equal(new byte[3], block.Der);
    }

    [Fact]
    public void A_header_value_may_hold_dashes_and_a_BEGIN_line()
    {
        var blocks = PemBlocks.Read(Key("\nX-Note: -----BEGIN FOO-----\n\nAAAA\n") + "text after\n", "k.pem").Blocks;
        var block = Assert.Single(blocks);
        Assert.Equal([new KeyValuePair<string, string>("X-Note", "-----BEGIN FOO-----")], block.Headers);
    }

    [Fact]
    public void Text_on_the_BEGIN_line_after_its_dashes_breaks_the_block()
    {
        Assert.Equal($"block 1 ('-----BEGIN EC PRIVATE KEY-----junk:') {Incomplete}",
            Error(Key("junk:\nProc-Type: 4,ENCRYPTED\n\nAAAA\n")));
    }

    [Fact]
    public void A_colon_with_no_line_break_after_it_breaks_the_block()
    {
        Assert.Equal($"block 1 ('-----BEGIN EC PRIVATE KEY-----') {Incomplete}", Error(Key("\nAB:C")));
    }

    [Fact]
    public void A_line_without_a_colon_before_any_header_breaks_the_block()
    {
        Assert.Equal($"block 1 ('-----BEGIN EC PRIVATE KEY-----') {Incomplete}", Error(Key("\nABCD\nX: y\n\nAAAA\n")));
        Assert.Equal($"block 1 ('-----BEGIN EC PRIVATE KEY-----') {Incomplete}", Error(Key("\n  folded: y\n\nAAAA\n")));
    }

    [Fact]
    public void A_header_with_an_empty_name_is_malformed()
    {
        Assert.Equal("block 1 ('EC PRIVATE KEY'): PEM header name '' is not printable ASCII without spaces", Error(Key("\n:x\n\nAAAA\n")));
    }

    [Fact]
    public void Quoted_header_lines_are_cut_after_80_characters()
    {
        var eighty = new string('A', 80);
        Assert.Equal($"block 1 ('EC PRIVATE KEY'): PEM header line '{eighty}' is not 'Name: value' (headers end with a blank line)",
            Error(Key($"\nX: y\n{eighty}\n\nAAAA\n")));
        Assert.Equal($"block 1 ('EC PRIVATE KEY'): PEM header line '{eighty}…' is not 'Name: value' (headers end with a blank line)",
            Error(Key($"\nX: y\n{eighty}B\n\nAAAA\n")));
    }

    [Fact]
    public void Headers_not_followed_by_a_blank_line_are_malformed()
    {
        Assert.Equal("block 1 ('EC PRIVATE KEY'): its PEM headers are not followed by a blank line and the base64 body",
            Error(Key("\nProc-Type: 4,ENCRYPTED\nDEK-Info: x")));
    }

    [Fact]
    public void Blocks_are_numbered_in_messages()
    {
        Assert.Equal("block 2 ('CERTIFICATE') has invalid base64",
            Error("-----BEGIN X-----\nAAAA\n-----END X-----\n-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n"));
    }
}
