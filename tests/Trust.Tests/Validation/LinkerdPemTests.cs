using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public class LinkerdPemTests
{
    private static readonly Lazy<string> Certificate = new(() => Pki.Anchor().Pem);

    [Fact]
    public void Clean_certificate_text_has_no_problems()
    {
        Assert.Empty(LinkerdPem.Problems(Certificate.Value, "anchors"));
        Assert.Empty(LinkerdPem.Problems(Certificate.Value.TrimEnd('\n'), "anchors"));
        Assert.Empty(LinkerdPem.Problems("", "anchors"));
    }

    [Fact]
    public void CRLF_line_endings_are_a_problem()
    {
        var problems = LinkerdPem.Problems(Certificate.Value.Replace("\n", "\r\n"), "anchors");
        Assert.Equal("anchors: uses CRLF line endings; Linkerd expects LF", problems[0]);
        // The final CRLF also leaves a '\r' after the last END line.
        Assert.Equal(2, problems.Count);
        Assert.Equal(["anchors: uses CRLF line endings; Linkerd expects LF"], LinkerdPem.Problems(Certificate.Value.Replace("\n", "\r\n").TrimEnd() + "\n", "anchors"));
    }

    [Fact]
    public void A_block_of_another_kind_is_named_by_its_position()
    {
        var key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        var problem = Assert.Single(LinkerdPem.Problems(Certificate.Value + key, "issuer"));
        Assert.Equal("issuer: block 2 is 'PRIVATE KEY'; Linkerd stops reading at the first non-CERTIFICATE block", problem);
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("# comment\n")]
    [InlineData(" ")]
    public void Text_after_the_last_block_other_than_one_newline_is_a_problem(string trailing)
    {
        var problem = Assert.Single(LinkerdPem.Problems(Certificate.Value + trailing, "issuer"));
        Assert.Equal("issuer: text after the last END line other than one newline; Linkerd answers 'not a PEM certificate'", problem);
    }

    [Fact]
    public void Unreadable_PEM_is_one_problem_and_null_is_a_mistake()
    {
        Assert.Single(LinkerdPem.Problems("-----BEGIN CERTIFICATE-----\nAAAA\n", "x"));
        Assert.Throws<ArgumentNullException>(() => LinkerdPem.Problems(null!, "x"));
    }
}
