using System.Text;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

/// <summary>The exact explanation Linkerd's reading gives for texts at the edges of each rule.</summary>
public class LinkerdPemMutationTests
{
    private static readonly Lazy<(string A, string B, string C, string Key)> Texts = new(() =>
    {
        var a = Pki.Anchor("a");
        return (a.Pem, Pki.Anchor("b").Pem, Pki.Anchor("c").Pem, a.KeyPem);
    });

    private static string A => Texts.Value.A;
    private static string B => Texts.Value.B;
    private static string C => Texts.Value.C;
    private static string Key => Texts.Value.Key;

    private static LinkerdPemVerdict Read(string text) => LinkerdPem.Read(Encoding.UTF8.GetBytes(text));

    private const string NotPem = "Linkerd fails with 'not a PEM certificate'";
    private const string Indented = "block 1's BEGIN line is indented; Go's PEM decoder sees a BEGIN line only at the start of a line";

    [Fact]
    public void A_block_passed_over_before_the_first_certificate_is_still_named_after_later_clean_blocks()
    {
        var verdict = Read("  " + A + B + C);
        Assert.Equal(LinkerdPemOutcome.ReadPartly, verdict.Outcome);
        Assert.Equal(2, verdict.Certificates.Count);
        Assert.Equal($"Linkerd reads 2 certificates and ignores the rest of the text: Go's PEM decoder passes over a block: {Indented}", verdict.Explanation);
    }

    [Fact]
    public void The_first_reason_to_ignore_text_wins_over_a_later_block_of_another_kind()
    {
        var verdict = Read("  " + A + B + Key);
        Assert.Equal(LinkerdPemOutcome.ReadPartly, verdict.Outcome);
        Assert.Equal($"Linkerd reads 1 certificate and ignores the rest of the text: Go's PEM decoder passes over a block: {Indented}", verdict.Explanation);
        Assert.Equal($"ReadPartly (1 certificate(s)): {verdict.Explanation}", verdict.ToString());
    }

    [Fact]
    public void A_null_text_is_a_programmer_mistake_named_as_the_text()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => LinkerdPem.Read((string)null!)).ParamName);
    }

    [Theory]
    [InlineData(" \t\r\n  \n", "the text holds only whitespace")]
    [InlineData("hello\n", "the text holds no PEM block (no BEGIN line)")]
    [InlineData("-----BEGIN CERTIFICATE-----\r", "block 1's lines end in CR alone; Go's PEM decoder ends lines with LF or CRLF only")]
    public void Text_without_a_usable_block_says_so_without_claiming_certificates_were_read(string text, string why)
    {
        var verdict = Read(text);
        Assert.Equal(LinkerdPemOutcome.NotPem, verdict.Outcome);
        Assert.Equal($"{NotPem}: {why}", verdict.Explanation);
        Assert.Equal("not a PEM certificate", verdict.Error);
    }

    [Fact]
    public void A_truncated_block_with_CRLF_lines_is_truncated_not_CR_alone()
    {
        var truncated = A[..A.IndexOf("-----END", StringComparison.Ordinal)].Replace("\n", "\r\n");
        Assert.Equal($"{NotPem}: block 1 has no END line (truncated)", Read(truncated).Explanation);
    }

    [Fact]
    public void Three_characters_before_a_BEGIN_line_are_text_not_a_byte_order_mark()
    {
        Assert.Equal($"{NotPem}: block 1's BEGIN line has text before it on the same line ('abc')", Read("abc" + A).Explanation);
        Assert.Equal($"{NotPem}: the text starts with a UTF-8 byte order mark, so block 1's BEGIN line does not start a line for Go", Read("\uFEFF" + A).Explanation);
    }

    [Fact]
    public void Text_before_the_END_marker_is_not_an_indented_END_line()
    {
        Assert.Equal($"{NotPem}: block 1's END line has text before it on the same line", Read(A.Replace("-----END", "x-----END")).Explanation);
        Assert.Equal($"{NotPem}: block 1's END line is indented; Go's PEM decoder sees an END line only at the start of a line",
            Read(A.Replace("-----END", " \t-----END")).Explanation);
    }

    [Theory]
    [InlineData("-----END CERTIFICATX-----")]
    [InlineData("-----END CERTIFICATEXXXXX")]
    [InlineData("-----END CERT-----")]
    public void An_END_line_that_does_not_repeat_the_type_followed_by_dashes_is_named(string endLine)
    {
        Assert.Equal($"{NotPem}: block 1's END line does not repeat its BEGIN line's type 'CERTIFICATE'",
            Read(A.Replace("-----END CERTIFICATE-----", endLine)).Explanation);
    }

    [Theory]
    [InlineData(40, false)]
    [InlineData(41, true)]
    public void Text_after_the_last_block_is_quoted_up_to_40_characters(int length, bool cut)
    {
        var tail = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));
        var quoted = cut ? tail[..40] + "…" : tail;
        Assert.Equal($"{NotPem} after reading 1 certificate: text follows the last END line ('{quoted}'); Linkerd skips text before a block, never after the last one",
            Read(A + tail).Explanation);
    }

    [Fact]
    public void Whitespace_after_the_last_block_is_quoted_with_its_control_characters_visible()
    {
        Assert.Equal($"{NotPem} after reading 2 certificates: after the last END line and its line break comes more whitespace (' \\t\\r\\n'): an extra blank line or trailing spaces",
            Read(A + B + " \t\r\n").Explanation);
    }
}
