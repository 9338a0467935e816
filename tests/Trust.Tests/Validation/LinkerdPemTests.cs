using Trust.Findings;
using Trust.Tests.Support;
using Trust.Validation;
using Xunit.Abstractions;

namespace Trust.Tests.Validation;

public class LinkerdPemTests(ITestOutputHelper output)
{
    /// <summary>What both sides print per variant: verdict, certificate count, fingerprints.</summary>
    private static string Summary(LinkerdPemOutcome outcome, IEnumerable<string> prints)
    {
        var verdict = outcome switch
        {
            LinkerdPemOutcome.Read or LinkerdPemOutcome.ReadPartly => "ok",
            LinkerdPemOutcome.NotPem => "not-pem",
            LinkerdPemOutcome.NoCertificates => "no-certificates",
            _ => "x509",
        };
        var list = prints.ToList();
        return $"{verdict}\t{list.Count}\t{(list.Count == 0 ? "-" : string.Join(",", list))}";
    }

    private static string Ours(LinkerdPemVerdict verdict) =>
        Summary(verdict.Outcome, verdict.Certificates.Select(c => Convert.ToHexStringLower(c.Sha256.Span[..8])));

    [Fact]
    public void Every_variant_reads_as_go_and_linkerd_code_say()
    {
        var wrong = new List<string>();
        foreach (var v in LinkerdPemVariants.Build())
        {
            var verdict = LinkerdPem.Read(v.Content);
            var got = (verdict.Outcome, Ours(verdict));
            var expected = (v.Outcome, Summary(v.Outcome, v.Fingerprints));
            if (got != expected) wrong.Add($"{v.Name}: expected {expected}, got {got}: {verdict.Explanation}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// The differential: Go's own encoding/pem and crypto/x509 under Linkerd's reading loop (tests/interop/pem/main.go)
    /// judge every variant; our verdict and the expected one must both match Go's on every variant.
    /// </summary>
    [GoFact]
    public void Go_agrees_with_our_verdict_on_every_variant()
    {
        var variants = LinkerdPemVariants.Build();
        using var dir = new TempDir();
        foreach (var v in variants) dir.Write(v.Name, v.Content);
        var program = Path.Combine(AppContext.BaseDirectory, "Interop", "pem", "main.go");
        var (exit, stdout, stderr) = GoTool.Run(program, dir.Path);
        Assert.True(exit == 0, $"go run failed ({exit}): {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var goVersion = lines.First(l => l.StartsWith('#'))[2..];
        var go = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => (Summary: string.Join('\t', f[1..4]), Error: f[4]));
        Assert.Equal(variants.Count, go.Count);

        var disagree = new List<string>();
        foreach (var v in variants)
        {
            var verdict = LinkerdPem.Read(v.Content);
            var (goSummary, goError) = go[v.Name];
            var ours = Ours(verdict);
            var expected = Summary(v.Outcome, v.Fingerprints);
            if (ours != goSummary || expected != goSummary)
                disagree.Add($"{v.Name}: go [{goSummary}] {goError} | ours [{ours}] | expected [{expected}]");
            else if (verdict.Error is { } error && !error.StartsWith("x509: ") && error != goError)
                disagree.Add($"{v.Name}: go says '{goError}', we say '{error}'");
        }
        output.WriteLine($"pem differential ({goVersion}): {variants.Count - disagree.Count} passed, {disagree.Count} failed");
        Assert.True(disagree.Count == 0, string.Join("\n", disagree));
    }

    [Theory]
    [InlineData("crlf-two", LinkerdPemOutcome.Read, "Linkerd reads 2 certificates")]
    [InlineData("indent-begin", LinkerdPemOutcome.NotPem, "block 1's BEGIN line is indented")]
    [InlineData("indent-all-lines", LinkerdPemOutcome.NotPem, "block 1's BEGIN line is indented")]
    [InlineData("indent-end", LinkerdPemOutcome.NotPem, "block 1's END line is indented")]
    [InlineData("indent-begin-of-first", LinkerdPemOutcome.ReadPartly, "passes over a block: block 1's BEGIN line is indented")]
    [InlineData("der", LinkerdPemOutcome.NotPem, "binary DER, not PEM text")]
    [InlineData("trailing-blank-line", LinkerdPemOutcome.NotPem, "after reading 1 certificate: after the last END line and its line break comes more whitespace ('\\n'): an extra blank line")]
    [InlineData("text-after", LinkerdPemOutcome.NotPem, "text follows the last END line ('# end\\n')")]
    [InlineData("cr-one", LinkerdPemOutcome.NotPem, "lines end in CR alone")]
    [InlineData("utf8-bom", LinkerdPemOutcome.NotPem, "UTF-8 byte order mark")]
    [InlineData("text-before-begin-same-line", LinkerdPemOutcome.NotPem, "text before it on the same line ('anchors: ')")]
    [InlineData("key-middle", LinkerdPemOutcome.ReadPartly, "block 2 is 'PRIVATE KEY', and Linkerd stops reading")]
    [InlineData("key-first", LinkerdPemOutcome.NoCertificates, "'No certificates found': block 1 is 'PRIVATE KEY'")]
    [InlineData("truncated-first-then-good", LinkerdPemOutcome.ReadPartly, "block 1 has no END line before the next BEGIN line")]
    [InlineData("truncated-no-end", LinkerdPemOutcome.NotPem, "block 1 has no END line")]
    [InlineData("bad-base64", LinkerdPemOutcome.NotPem, "block 1's body is not valid padded base64")]
    [InlineData("mismatched-end", LinkerdPemOutcome.NotPem, "END line does not repeat its BEGIN line's type 'CERTIFICATE'")]
    [InlineData("text-after-end-same-line", LinkerdPemOutcome.NotPem, "END line has text after its closing '-----'")]
    [InlineData("begin-without-dashes", LinkerdPemOutcome.NotPem, "BEGIN line does not end in '-----'")]
    [InlineData("whitespace-only", LinkerdPemOutcome.NotPem, "only whitespace")]
    [InlineData("empty", LinkerdPemOutcome.NoCertificates, "the text is empty")]
    [InlineData("garbage-second", LinkerdPemOutcome.CertificateMalformed, "block 2 is a CERTIFICATE block that Go's x509.ParseCertificate refuses")]
    public void The_explanation_names_what_linkerd_trips_on(string name, LinkerdPemOutcome outcome, string explanation)
    {
        var verdict = LinkerdPem.Read(LinkerdPemVariants.Build().Single(v => v.Name == name).Content);
        Assert.Equal(outcome, verdict.Outcome);
        Assert.Contains(explanation, verdict.Explanation);
        Assert.Equal(outcome switch
        {
            LinkerdPemOutcome.Read => null,
            LinkerdPemOutcome.ReadPartly => FindingIds.LinkerdPemPartial,
            _ => FindingIds.LinkerdPemUnreadable,
        }, verdict.FindingId);
    }

    [Fact]
    public void Text_and_bytes_read_alike()
    {
        var anchor = Pki.Anchor();
        var text = anchor.Pem.Replace("\n", "\r\n");
        Assert.Equal(LinkerdPemOutcome.Read, LinkerdPem.Read(text).Outcome);
        Assert.Equal(anchor.Certificate.Sha256.ToArray(), Assert.Single(LinkerdPem.Read(System.Text.Encoding.UTF8.GetBytes(text)).Certificates).Sha256.ToArray());
    }
}
