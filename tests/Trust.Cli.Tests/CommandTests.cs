using Trust.Pem;
using System.Text.Json;
using Trust.Tests.Support;

namespace Trust.Cli.Tests;

public class CommandTests
{
    private static readonly DateTimeOffset Now = TestClock.Epoch;

    private static TempDir Init()
    {
        var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("init", "--dir", dir.Path).Exit);
        return dir;
    }

    [Theory]
    [InlineData("init")]
    [InlineData("anchor", "create")]
    [InlineData("issuer", "create")]
    [InlineData("leaf", "create")]
    [InlineData("verify")]
    [InlineData("bundle")]
    [InlineData("inspect")]
    [InlineData("fingerprint")]
    [InlineData("check")]
    [InlineData("needs-renewal")]
    [InlineData("rotate")]
    public void Every_command_has_help(params string[] command)
    {
        var result = CliRun.Run([.. command, "--help"]);
        Assert.Equal(0, result.Exit);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("Options:", result.Out);
    }

    [Fact]
    public void Bare_trust_prints_the_root_usage_on_stdout_and_exits_0()
    {
        var bare = CliRun.Run();
        var help = CliRun.Run("--help");
        Assert.Equal(0, bare.Exit);
        Assert.Equal("", bare.Err);
        Assert.Contains("Usage:", bare.Out);
        Assert.Contains("rotate", bare.Out);
        Assert.Equal(help.Out, bare.Out);
        // Only the bare command: an unknown option at the root is still a usage error.
        var unknown = CliRun.Run("--frobnicate");
        Assert.Equal(2, unknown.Exit);
        Assert.Equal("", unknown.Out);
    }

    [Fact]
    public void Unknown_options_and_missing_arguments_exit_2_with_a_hint()
    {
        var result = CliRun.Run("check", "--anchors");
        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("trust: ", line);
        Assert.EndsWith(" (run 'trust check --help' for usage)", line);
        Assert.Equal(2, CliRun.Run("frobnicate").Exit);
    }

    // An unknown option is named, not taken for a file (`inspect --frob ca.crt` blamed ca.crt) nor hidden behind the
    // missing command; an option's value that starts with '-' and anything after `--` are not options.
    [Theory]
    [InlineData("trust: unknown option '--bogus' (run 'trust --help' for usage)", "--bogus")]
    [InlineData("trust: unknown option '--frob' (run 'trust inspect --help' for usage)", "inspect", "--frob", "ca.crt")]
    [InlineData("trust: unknown option '--frob' (run 'trust inspect --help' for usage)", "inspect", "--frob")]
    [InlineData("trust: unknown option '-o' (run 'trust bundle --help' for usage)", "bundle", "-o", "out.pem", "ca.crt")]
    [InlineData("trust: unknown option '--nope' (run 'trust init --help' for usage)", "init", "--nope=1")]
    [InlineData("trust: --anchor-lifetime: -5h is not a positive duration", "init", "--anchor-lifetime", "-5h")]
    [InlineData("trust: -weird: file not found", "inspect", "--", "-weird")]
    public void An_unknown_option_is_named(string expected, params string[] args)
    {
        var result = CliRun.Run(args);
        Assert.Equal(2, result.Exit);
        Assert.Equal([expected], result.ErrLines);
    }

    [Theory]
    [InlineData("inti", "trust: 'inti' is not a trust command; did you mean 'init'?")]
    [InlineData("bundel", "trust: 'bundel' is not a trust command; did you mean 'bundle'?")]
    [InlineData("needs-renewl", "trust: 'needs-renewl' is not a trust command; did you mean 'needs-renewal'?")]
    [InlineData("frobnicate", "trust: 'frobnicate' is not a trust command")]
    public void An_unknown_command_is_named_with_the_closest_command(string word, string expected)
    {
        var result = CliRun.Run(word, "x");
        Assert.Equal(2, result.Exit);
        Assert.Equal([$"{expected} (run 'trust --help' for usage)"], result.ErrLines);
    }

    [Fact]
    public void An_argument_starting_with_at_is_a_value_not_a_response_file()
    {
        using var dir = new TempDir();
        var result = CliRun.Run("inspect", "@" + dir["missing.crt"]);
        Assert.Equal(2, result.Exit);
        Assert.Single(result.ErrLines);
        Assert.DoesNotContain("Response file", result.Err);
    }

    [Fact]
    public void Anchor_create_requires_an_explicit_choice_about_encryption()
    {
        using var dir = new TempDir();
        var none = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"]);
        Assert.Equal(2, none.Exit);
        Assert.Contains("--password-file", none.Err);
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void Anchor_issuer_leaf_with_an_encrypted_anchor_key_verify_end_to_end()
    {
        using var dir = new TempDir();
        var pw = dir.Write("pw", "s3cret\n");
        var anchor = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--password-file", pw, "--subject", "root.test", "--not-after", "720h");
        Assert.True(anchor.Exit == 0, anchor.Err);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(dir["a.key"]));
        var noPassword = CliRun.Run("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["a.crt"], "--ca-key", dir["a.key"]);
        Assert.Equal(2, noPassword.Exit);
        Assert.Contains("encrypted", noPassword.Err);
        var issuer = CliRun.Run("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["a.crt"], "--ca-key", dir["a.key"], "--ca-password-file", pw);
        Assert.True(issuer.Exit == 0, issuer.Err);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(dir["i.key"]));
        var leaf = CliRun.Run("leaf", "create", dir["l.crt"], dir["l.key"], "--ca", dir["i.crt"], "--ca-key", dir["i.key"], "--san", "web.test");
        Assert.True(leaf.Exit == 0, leaf.Err);
        Assert.Equal(2, CertificatePem.Read(File.ReadAllText(dir["l.crt"]), "l").Count);
        var verify = CliRun.Run("verify", dir["l.crt"], "--anchors", dir["a.crt"], "--name", "web.test", "--usage", "client");
        Assert.True(verify.Exit == 0, verify.Out);
        var wrongName = CliRun.Run("verify", dir["l.crt"], "--anchors", dir["a.crt"], "--name", "db.test", "--format", "json");
        Assert.Equal(1, wrongName.Exit);
        Assert.False(JsonDocument.Parse(wrongName.Out).RootElement.GetProperty("valid").GetBoolean());
        var later = CliRun.Run("verify", dir["l.crt"], "--anchors", dir["a.crt"], "--at", "2026-11-23T00:00:00Z");
        Assert.Equal(1, later.Exit);
        Assert.Contains("expired", later.Out);
    }

    [Fact]
    public void Anchor_create_supports_rsa_and_p384_and_rejects_bad_combinations()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("anchor", "create", dir["r.crt"], dir["r.key"], "--no-password", "--key-type", "rsa", "--rsa-bits", "4096").Exit);
        Assert.Contains("RSA 4096", CliRun.Run("inspect", dir["r.crt"]).Out);
        Assert.Equal(0, CliRun.Run("anchor", "create", dir["e.crt"], dir["e.key"], "--no-password", "--curve", "P-384").Exit);
        Assert.Contains("ECDSA P-384", CliRun.Run("inspect", dir["e.crt"]).Out);
        var bad = CliRun.Run("anchor", "create", dir["x.crt"], dir["x.key"], "--no-password", "--key-type", "rsa", "--rsa-bits", "3072");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("2048 or 4096", bad.Err);
    }

    [Fact]
    public void Bundle_merges_dedupes_and_drops_expired()
    {
        using var a = Init();
        using var b = Init();
        using var dir = new TempDir();
        var old = CliRun.Run(Now.AddDays(-30), "anchor", "create", dir["old.crt"], dir["old.key"], "--no-password", "--not-after", "24h");
        Assert.Equal(0, old.Exit);
        var noisy = dir.Write("noisy.pem", "# comment\n" + File.ReadAllText(a["ca.crt"]) + "\nmore text\n");
        var result = CliRun.Run("bundle", dir["out.pem"], noisy, a["ca.crt"], b["ca.crt"], dir["old.crt"], "--drop-expired", "--format", "json");
        Assert.True(result.Exit == 0, result.Err);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(2, json.GetProperty("certificates").GetInt32());
        Assert.Equal(1, json.GetProperty("duplicatesDropped").GetInt32());
        Assert.Equal(1, json.GetProperty("expiredDropped").GetInt32());
        var text = File.ReadAllText(dir["out.pem"]);
        Assert.DoesNotContain("comment", text);
        Assert.Equal(2, CliRun.Run("fingerprint", dir["out.pem"]).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var check = CliRun.Run("check", "--anchors", dir["out.pem"], "--issuer", a["issuer.crt"], "--issuer-key", a["issuer.key"]);
        Assert.True(check.Exit == 0, check.Out);
        var toStdout = CliRun.Run("bundle", "-", b["ca.crt"], a["ca.crt"]);
        Assert.Equal(CliRun.Run("bundle", "-", a["ca.crt"], b["ca.crt"]).Out, toStdout.Out);
    }

    // A short-lived issuer that trust rotate or cert-manager renews always warns here (Linkerd's 60 days): the hint
    // covers both ways an issuer is renewed, by hand and by a renewer, in the text and in JSON alike.
    [Fact]
    public void The_issuer_expiry_hint_names_renewal_by_hand_and_by_a_renewer()
    {
        using var a = Init();
        var text = CliRun.Run("check", "--anchors", a["ca.crt"], "--issuer", a["issuer.crt"], "--at", "2027-10-01T00:00:00Z");
        Assert.Equal(0, text.Exit);
        var hint = Assert.Single(text.Out.Split('\n'), l => l.Contains("[issuer-expiry, warning] hint: ", StringComparison.Ordinal));
        Assert.Contains("trust issuer create", hint);
        Assert.Contains("trust rotate or cert-manager", hint);
        Assert.Contains("docs/automated-rotation.md", hint);
        var json = JsonDocument.Parse(CliRun.Run("check", "--anchors", a["ca.crt"], "--issuer", a["issuer.crt"], "--at", "2027-10-01T00:00:00Z", "--format", "json").Out);
        var expiry = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "issuer-expiry");
        Assert.Equal(hint[(hint.IndexOf("hint: ", StringComparison.Ordinal) + 6)..], expiry.GetProperty("hint").GetString());
        // An expired issuer needs a new one whoever renews it; its hint stays the plain command.
        var expired = CliRun.Run("check", "--anchors", a["ca.crt"], "--issuer", a["issuer.crt"], "--at", "2028-01-01T00:00:00Z");
        Assert.DoesNotContain("trust rotate", expired.Out.Split('\n').Single(l => l.Contains("[issuer-validity, fatal] hint: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_reports_failures_with_exit_1_and_json()
    {
        using var a = Init();
        using var b = Init();
        var mismatched = CliRun.Run("check", "--anchors", a["ca.crt"], "--issuer", b["issuer.crt"], "--issuer-key", a["issuer.key"], "--format", "json");
        Assert.Equal(1, mismatched.Exit);
        var checks = JsonDocument.Parse(mismatched.Out).RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() == "fail").Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("certificate-config-valid", checks);
        Assert.Contains("issuer-signed-by-anchor", checks);
        var later = CliRun.Run("check", "--anchors", a["ca.crt"], "--issuer", a["issuer.crt"], "--at", "2027-10-01T00:00:00Z");
        Assert.Equal(0, later.Exit);
        Assert.Contains("‼ issuer cert is valid for at least 60 days", later.Out);
        Assert.Contains("will expire on 2027-11-21T12:00:00Z", later.Out);
    }

    [Fact]
    public void Inspect_shows_every_certificate_in_text_json_and_pem()
    {
        using var a = Init();
        var text = CliRun.Run("inspect", a["issuer.crt"]);
        Assert.Contains("Subject:             CN=identity.linkerd.cluster.local", text.Out);
        Assert.Contains("Basic constraints:   CA:TRUE, pathlen 0 (critical)", text.Out);
        Assert.Contains("Key usage:           keyCertSign, cRLSign (critical)", text.Out);
        var json = JsonDocument.Parse(CliRun.Run("inspect", a["ca.crt"], "--format", "json").Out).RootElement;
        Assert.Equal(1, json[0].GetProperty("pathLen").GetInt32());
        Assert.Equal(File.ReadAllText(a["ca.crt"]), CliRun.Run("inspect", a["ca.crt"], "--format", "pem").Out);
    }

    // Trust backdates NotBefore (1m for anchors and issuers, 20s for leaves, as Linkerd): the lifetime shown is the
    // one asked for, with the backdate named, not 8760h1m. A lifetime with no such backdate is shown as it is.
    [Fact]
    public void Inspect_shows_the_lifetime_asked_for_and_names_the_standard_backdate()
    {
        using var a = Init();
        Assert.Contains("(lifetime 87600h + 1m backdate)", CliRun.Run("inspect", a["ca.crt"]).Out);
        Assert.Contains("(lifetime 8760h + 1m backdate)", CliRun.Run("inspect", a["issuer.crt"]).Out);
        Assert.Equal(0, CliRun.Run("leaf", "create", a["l.crt"], a["l.key"], "--ca", a["issuer.crt"], "--ca-key", a["issuer.key"], "--san", "a.b").Exit);
        Assert.Contains("(lifetime 24h + 20s backdate)", CliRun.Run("inspect", a["l.crt"]).Out);
        Assert.Equal(0, CliRun.Run("anchor", "create", a["x.crt"], a["x.key"], "--no-password",
            "--not-before", "2026-01-01T00:00:00Z", "--not-after", "2026-01-02T00:30:00Z").Exit);
        Assert.Contains("(lifetime 24h30m)", CliRun.Run("inspect", a["x.crt"]).Out);
        // JSON keeps the exact bounds, nothing rounded.
        var json = JsonDocument.Parse(CliRun.Run("inspect", a["ca.crt"], "--format", "json").Out).RootElement[0];
        Assert.Equal(TimeSpan.FromHours(87600) + TimeSpan.FromMinutes(1),
            DateTimeOffset.Parse(json.GetProperty("notAfter").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(json.GetProperty("notBefore").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(new string[0], "2027-07-20T00:00:00Z", 1)]      // default 2/3 of 365d = 243.33d -> 2027-07-22
    [InlineData(new string[0], "2027-07-23T00:00:00Z", 0)]
    [InlineData(new[] { "--expires-in", "50%" }, "2027-05-23T00:00:00Z", 0)]     // 50% of 8760h+1m from 11:59 -> 2027-05-22T23:59:30
    [InlineData(new[] { "--expires-in", "50%" }, "2027-05-22T23:59:00Z", 1)]
    [InlineData(new[] { "--expires-in", "720h" }, "2027-10-22T13:00:00Z", 0)]
    [InlineData(new[] { "--expires-in", "720h" }, "2027-10-22T11:00:00Z", 1)]
    [InlineData(new[] { "--renew-before", "24h" }, "2027-11-20T12:00:00Z", 0)]
    public void Needs_renewal_exit_codes_follow_step(string[] policy, string at, int exit)
    {
        using var a = Init();
        var result = CliRun.Run(["needs-renewal", a["issuer.crt"], "--at", at, .. policy]);
        Assert.True(exit == result.Exit, result.Out + result.Err);
    }

    [Fact]
    public void Needs_renewal_of_a_missing_file_exits_2()
    {
        var result = CliRun.Run("needs-renewal", "/nonexistent/issuer.crt");
        Assert.Equal(2, result.Exit);
        Assert.Equal("trust: /nonexistent/issuer.crt: file not found (its folder does not exist)", result.ErrLines.Single());
    }

    [Fact]
    public void A_P384_anchor_and_an_issuer_under_it_are_written_with_a_warning_about_Linkerd()
    {
        using var dir = new TempDir();
        var anchor = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", "--curve", "P-384");
        Assert.Equal(0, anchor.Exit);
        Assert.StartsWith("warning: Linkerd will refuse this trust anchor", Assert.Single(anchor.ErrLines));
        var issuer = CliRun.Run("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["a.crt"], "--ca-key", dir["a.key"], "--format", "json");
        Assert.Equal(0, issuer.Exit);
        using var json = System.Text.Json.JsonDocument.Parse(issuer.Out);
        Assert.Equal(2, json.RootElement.GetProperty("warnings").GetArrayLength());
        var plain = CliRun.Run("anchor", "create", dir["b.crt"], dir["b.key"], "--no-password");
        Assert.Empty(plain.Err);
    }

    [Fact]
    public void Small_refusals_name_the_real_problem()
    {
        using var dir = new TempDir();
        dir.Write("pw", "secret\n");
        var both = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", "--password-file", dir["pw"]);
        Assert.Equal("trust: --password-file and --no-password cannot be combined; give one of them", Assert.Single(both.ErrLines));
        Assert.Equal(0, CliRun.Run("init", "--dir", dir["p"]).Exit);
        var ip = CliRun.Run("leaf", "create", dir["l.crt"], dir["l.key"], "--ca", dir["p/issuer.crt"], "--ca-key", dir["p/issuer.key"], "--san", "10.0.0.1");
        Assert.Equal(2, ip.Exit);
        Assert.Contains("'10.0.0.1' is an IP address, not a DNS name", ip.Err);
        var expired = CliRun.Run(TestClock.Epoch.AddYears(20), "needs-renewal", dir["p/issuer.crt"]);
        Assert.Equal(0, expired.Exit);
        Assert.Contains("needs renewal: it expired ", expired.Out);
    }

    [Fact]
    public void A_signer_that_cannot_sign_is_reported_against_the_file_named()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("init", "--dir", dir["p"]).Exit);
        var mismatch = CliRun.Run("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["p/ca.crt"], "--ca-key", dir["p/issuer.key"]);
        Assert.Equal($"trust: {dir["p/issuer.key"]}: the CA key does not match the CA certificate 'CN=root.linkerd.cluster.local'", Assert.Single(mismatch.ErrLines));
        var pathLength = CliRun.Run("issuer", "create", dir["j.crt"], dir["j.key"], "--ca", dir["p/issuer.crt"], "--ca-key", dir["p/issuer.key"]);
        Assert.StartsWith($"trust: {dir["p/issuer.crt"]}: ", Assert.Single(pathLength.ErrLines));
    }
}
