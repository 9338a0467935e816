using System.Text.Json;
using Trust.Pem;

namespace Trust.Cli.Tests;

/// <summary>
/// <c>trust check</c> reads leniently what it is given, then judges it with Linkerd's own PEM rules: what we read but
/// Linkerd cannot (or reads only in part) fails the fatal pem-format check with exit 1, not exit 2.
/// </summary>
public class CheckPemTests(CorpusSet corpus) : IClassFixture<CorpusSet>
{
    private (string Ca, string CaKey, string Issuer, string IssuerKey) Set => corpus.Value;

    private static string Indent(string text) => string.Concat(text.Split('\n').Select((l, i) => (i == 0 ? "" : "\n") + (l.Length == 0 ? "" : "  " + l)));

    private static void AssertFatalPemFailure(CliResult result, string what, string why)
    {
        Assert.True(result.Exit == 1, $"exit {result.Exit}: {result.Out}{result.Err}");
        Assert.Equal("", result.Err);
        Assert.Contains("× certificate PEM text is readable by Linkerd", result.Out);
        Assert.Contains($"    {what}: ", result.Out);
        Assert.Contains(why, result.Out);
        Assert.Contains("[pem-format, fatal]", result.Out);
        Assert.EndsWith("Status check results are ×\n", result.Out);
    }

    [Fact]
    public void Indented_anchors_fail_the_fatal_pem_check_with_exit_1()
    {
        using var dir = new TempDir();
        var anchors = dir.Write("ca.crt", Indent(File.ReadAllText(Set.Ca)));
        Assert.Equal(0, CliRun.Run("inspect", anchors).Exit);
        var check = CliRun.Run("check", "--anchors", anchors, "--issuer", Set.Issuer);
        AssertFatalPemFailure(check, "trust anchors", "Linkerd fails with 'not a PEM certificate': block 1's BEGIN line is indented");
        Assert.Contains("× certificate config is valid\n    trust anchors: not a PEM certificate (Linkerd cannot read it; see pem-format)", check.Out);
    }

    [Fact]
    public void An_indented_issuer_certificate_fails_the_same_way()
    {
        using var dir = new TempDir();
        var issuer = dir.Write("issuer.crt", Indent(File.ReadAllText(Set.Issuer)));
        AssertFatalPemFailure(CliRun.Run("check", "--anchors", Set.Ca, "--issuer", issuer), "issuer certificate", "BEGIN line is indented");
    }

    [Fact]
    public void Der_anchors_and_issuer_fail_the_fatal_pem_check_with_exit_1()
    {
        using var dir = new TempDir();
        var der = (string path) => CertificatePem.Read(File.ReadAllText(path), path).Single().Der.ToArray();
        var anchors = dir.Write("ca.der", der(Set.Ca));
        var issuer = dir.Write("issuer.der", der(Set.Issuer));
        var check = CliRun.Run("check", "--anchors", anchors, "--issuer", issuer);
        AssertFatalPemFailure(check, "trust anchors", "the content is binary DER, not PEM text; Linkerd reads PEM only");
        Assert.Contains("issuer certificate: Linkerd fails with 'not a PEM certificate': the content is binary DER", check.Out);
    }

    [Fact]
    public void An_anchor_linkerd_would_skip_fails_naming_both_counts()
    {
        using var dir = new TempDir();
        var other = dir["other"];
        Assert.Equal(0, CliRun.Run("init", "--dir", other).Exit);
        var anchors = dir.Write("ca.crt", "  " + File.ReadAllText(Path.Combine(other, "ca.crt")) + File.ReadAllText(Set.Ca));
        var check = CliRun.Run("check", "--anchors", anchors, "--issuer", Set.Issuer);
        AssertFatalPemFailure(check, "trust anchors", "Linkerd reads 1 certificate and ignores the rest of the text");
        Assert.Contains("(the text holds 2)", check.Out);
        Assert.Contains("√ certificate config is valid", check.Out);
    }

    [Fact]
    public void Json_reports_the_pem_check_as_a_failed_fatal_check()
    {
        using var dir = new TempDir();
        var anchors = dir.Write("ca.crt", File.ReadAllText(Set.Ca) + "\n");
        var check = CliRun.Run("check", "--anchors", anchors, "--issuer", Set.Issuer, "--format", "json");
        Assert.Equal(1, check.Exit);
        using var json = JsonDocument.Parse(check.Out);
        var pem = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "pem-format");
        Assert.Equal("fatal", pem.GetProperty("severity").GetString());
        Assert.Equal("fail", pem.GetProperty("status").GetString());
        Assert.Contains("an extra blank line or trailing spaces", pem.GetProperty("message").GetString());
        Assert.Equal("RewritePem", pem.GetProperty("remedy").GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("crlf")]
    [InlineData("indented-body")]
    [InlineData("comment-before")]
    [InlineData("no-final-newline")]
    public void Text_linkerd_reads_passes(string shape)
    {
        using var dir = new TempDir();
        var ca = File.ReadAllText(Set.Ca);
        var text = shape switch
        {
            "crlf" => ca.Replace("\n", "\r\n"),
            "indented-body" => string.Join('\n', ca.Split('\n').Select(l => l.StartsWith("-----") || l.Length == 0 ? l : "    " + l)),
            "comment-before" => "# production trust anchors\n" + ca,
            _ => ca.TrimEnd('\n'),
        };
        var check = CliRun.Run("check", "--anchors", dir.Write("ca.crt", text), "--issuer", Set.Issuer);
        Assert.True(check.Exit == 0, check.Out);
        Assert.Contains("√ certificate PEM text is readable by Linkerd", check.Out);
    }
}
