using Trust.Pem;
using System.Security.Cryptography;
using Trust.Tests.Support;

namespace Trust.Cli.Tests;

/// <summary>One identity set shared by the corpus tests, removed when they are done.</summary>
public sealed class CorpusSet : IDisposable
{
    private readonly TempDir _dir = new();

    public CorpusSet()
    {
        Assert.Equal(0, CliRun.Run("init", "--dir", _dir.Path).Exit);
        Value = (_dir["ca.crt"], _dir["ca.key"], _dir["issuer.crt"], _dir["issuer.key"]);
    }

    public (string Ca, string CaKey, string Issuer, string IssuerKey) Value { get; }

    public void Dispose() => _dir.Dispose();
}

/// <summary>The bad-input corpus: each case gives its documented exit code, one clear line, and leaves no file behind.</summary>
public class BadInputTests(CorpusSet corpus) : IClassFixture<CorpusSet>
{
    private (string Ca, string CaKey, string Issuer, string IssuerKey) Set => corpus.Value;

    public static TheoryData<string, string> CertificateCorpus => new()
    {
        { "empty", "is empty" },
        { "random", "not PEM text or a DER certificate" },
        { "truncated-der", "not a valid X.509 certificate" },
        { "truncated-pem", "is not a complete PEM block" },
        { "key-instead", "only CERTIFICATE blocks are allowed" },
        { "text", "no CERTIFICATE block found" },
        { "huge", "no CERTIFICATE block found" },
        { "missing", "file not found" },
        { "directory", "is a directory" },
    };

    private string Make(TempDir dir, string kind)
    {
        var ca = File.ReadAllText(Set.Ca);
        var der = CertificatePem.Read(ca, "ca").Single().Der.ToArray();
        return kind switch
        {
            "empty" => dir.Write(kind, ""),
            "random" => dir.Write(kind, RandomNumberGenerator.GetBytes(4096).Select(b => (byte)(b | 0x80)).ToArray()),
            "truncated-der" => dir.Write(kind, der[..(der.Length - 7)]),
            "truncated-pem" => dir.Write(kind, ca[..(ca.Length / 2)]),
            "key-instead" => dir.Write(kind, File.ReadAllText(Set.CaKey)),
            "text" => dir.Write(kind, "hello, this is not a certificate\n"),
            "huge" => dir.Write(kind, new string('A', 10 * 1024 * 1024)),
            "missing" => dir["does-not-exist.crt"],
            "directory" => Directory.CreateDirectory(dir["folder"]).FullName,
            _ => throw new ArgumentException(kind),
        };
    }

    [Theory]
    [MemberData(nameof(CertificateCorpus))]
    public void Every_certificate_reading_command_gives_exit_2_and_one_line(string kind, string expected)
    {
        using var dir = new TempDir();
        var file = Make(dir, kind);
        var commands = new[]
        {
            new[] { "inspect", file },
            ["fingerprint", file],
            ["verify", file, "--anchors", Set.Ca],
            ["verify", Set.Issuer, "--anchors", file],
            ["check", "--anchors", file, "--issuer", Set.Issuer],
            ["check", "--anchors", Set.Ca, "--issuer", file],
            ["needs-renewal", file],
            ["bundle", dir["out.pem"], Set.Ca, file],
            ["issuer", "create", dir["i.crt"], dir["i.key"], "--ca", file, "--ca-key", Set.CaKey],
            ["leaf", "create", dir["l.crt"], dir["l.key"], "--ca", file, "--ca-key", Set.IssuerKey, "--san", "a.b"],
        };
        var before = dir.Files().ToList();
        foreach (var args in commands)
        {
            var result = CliRun.Run(args);
            Assert.True(result.Exit == 2, $"{string.Join(' ', args)} -> {result.Exit}: {result.Out}{result.Err}");
            var line = Assert.Single(result.ErrLines);
            Assert.StartsWith("trust: ", line);
            Assert.Contains(expected, line);
            Assert.DoesNotContain("   at ", result.Err);
        }
        Assert.Equal(before, dir.Files().ToList());
    }

    [Fact]
    public void Trailing_garbage_after_the_pem_is_ignored_on_read_but_flagged_by_check()
    {
        using var dir = new TempDir();
        var anchors = dir.Write("ca.crt", File.ReadAllText(Set.Ca) + "garbage after the end\n");
        Assert.Equal(0, CliRun.Run("inspect", anchors).Exit);
        var check = CliRun.Run("check", "--anchors", anchors, "--issuer", Set.Issuer);
        Assert.Equal(1, check.Exit);
        Assert.Contains("not a PEM certificate", check.Out);
    }

    [Fact]
    public void Crlf_text_that_linkerd_reads_passes_check_and_bundle_rewrites_it_with_lf()
    {
        using var dir = new TempDir();
        var crlf = dir.Write("ca.crt", File.ReadAllText(Set.Ca).Replace("\n", "\r\n"));
        var check = CliRun.Run("check", "--anchors", crlf, "--issuer", Set.Issuer);
        Assert.Equal(0, check.Exit);
        Assert.Contains("√ certificate PEM text is readable by Linkerd", check.Out);
        Assert.Equal(0, CliRun.Run("bundle", dir["clean.crt"], crlf).Exit);
        Assert.Equal(File.ReadAllText(Set.Ca), File.ReadAllText(dir["clean.crt"]));
    }

    [Fact]
    public void Mismatched_key_gives_exit_1_from_check_and_exit_2_when_signing()
    {
        using var dir = new TempDir();
        var check = CliRun.Run("check", "--anchors", Set.Ca, "--issuer", Set.Issuer, "--issuer-key", Set.CaKey);
        Assert.Equal(1, check.Exit);
        var sign = CliRun.Run("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", Set.Ca, "--ca-key", Set.IssuerKey);
        Assert.Equal(2, sign.Exit);
        Assert.Contains("does not match", Assert.Single(sign.ErrLines));
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void Wrong_password_gives_exit_2_and_no_output()
    {
        using var dir = new TempDir();
        var pw = dir.Write("pw", "right\n");
        Assert.Equal(0, CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--password-file", pw).Exit);
        var wrong = dir.Write("wrong", "wrong\n");
        var result = CliRun.Run("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["a.crt"], "--ca-key", dir["a.key"], "--ca-password-file", wrong);
        Assert.Equal(2, result.Exit);
        Assert.Equal($"trust: {dir["a.key"]}: cannot decrypt the key: wrong password or unsupported encryption (the password comes from --ca-password-file)", result.ErrLines.Single());
        Assert.False(File.Exists(dir["i.crt"]));
        Assert.False(File.Exists(dir["i.key"]));
    }

    public static TheoryData<string, string> IssuerCorpus => new()
    {
        { "expired", "issuer-validity" },
        { "not-yet-valid", "issuer-validity" },
        { "non-ca", "issuer-is-ca" },
        { "rsa", "issuer-algorithm" },
        { "p384", "issuer-algorithm" },
    };

    [Theory]
    [MemberData(nameof(IssuerCorpus))]
    public void Bad_issuers_fail_check_with_exit_1_naming_the_check(string kind, string id)
    {
        using var dir = new TempDir();
        var anchor = Pki.Anchor();
        var issuer = kind switch
        {
            "expired" => Pki.Odd(anchor, "identity", notBefore: Pki.Now.AddDays(-10), notAfter: Pki.Now.AddDays(-1)),
            "not-yet-valid" => Pki.Odd(anchor, "identity", notBefore: Pki.Now.AddDays(1), notAfter: Pki.Now.AddDays(10)),
            "non-ca" => Pki.Odd(anchor, "identity", ca: false),
            "rsa" => Pki.Odd(anchor, "identity", key: "rsa2048"),
            _ => Pki.Odd(anchor, "identity", key: "p384"),
        };
        var result = CliRun.Run("check", "--anchors", dir.Write("ca.crt", anchor.Pem), "--issuer", dir.Write("i.crt", issuer.Pem),
            "--issuer-key", dir.Write("i.key", issuer.KeyPem), "--format", "json");
        Assert.Equal(1, result.Exit);
        Assert.Contains($"\"id\": \"{id}\"", result.Out);
        var failed = System.Text.Json.JsonDocument.Parse(result.Out).RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() == "fail").Select(c => c.GetProperty("id").GetString());
        Assert.Contains(id, failed);
    }

    [Fact]
    public void Encrypted_issuer_key_fails_check_with_exit_1()
    {
        using var dir = new TempDir();
        var pw = dir.Write("pw", "pw\n");
        Assert.Equal(0, CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--password-file", pw).Exit);
        var result = CliRun.Run("check", "--anchors", dir["a.crt"], "--issuer", dir["a.crt"], "--issuer-key", dir["a.key"]);
        Assert.Equal(1, result.Exit);
        Assert.Contains("encrypted", result.Out);
    }
}
