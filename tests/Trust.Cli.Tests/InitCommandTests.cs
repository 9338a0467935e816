using Trust.Pem;
using Trust.Certificates;
using Trust.Tests.Support;

namespace Trust.Cli.Tests;

public class InitCommandTests
{
    [Fact]
    public void Init_writes_a_checked_set_with_private_keys_mode_0600()
    {
        using var dir = new TempDir();
        var result = CliRun.Run("init", "--dir", dir["pki"]);
        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal(["pki/ca.crt", "pki/ca.key", "pki/issuer.crt", "pki/issuer.key"], dir.Files());
        Assert.Contains("Status check results are √", result.Out);
        Assert.Contains("--set-file identityTrustAnchorsPEM=", result.Out);
        Assert.Contains("--set-file identity.issuer.tls.keyPEM=", result.Out);
        // Linkerd's CRDs go in before the control plane, on both paths the hint shows.
        Assert.True(result.Out.IndexOf("helm install linkerd-crds linkerd/linkerd-crds", StringComparison.Ordinal)
            is var crds and >= 0 && crds < result.Out.IndexOf("helm install linkerd-control-plane", StringComparison.Ordinal), result.Out);
        Assert.True(result.Out.IndexOf("linkerd install --crds | kubectl apply -f -", StringComparison.Ordinal)
            is var cliCrds and >= 0 && cliCrds < result.Out.IndexOf("linkerd install --identity-trust-anchors-file", StringComparison.Ordinal), result.Out);
        // The linkerd install command is wrapped for an 80-column terminal, continued with '\' so it pastes as one.
        var install = result.Out.Split('\n').First(l => l.StartsWith("  linkerd install --identity-trust-anchors-file", StringComparison.Ordinal));
        Assert.True(install.Length <= 80 && install.EndsWith(" \\", StringComparison.Ordinal), install);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir["pki/ca.key"]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir["pki/issuer.key"]));
        Assert.DoesNotContain("PRIVATE KEY", result.Out + result.Err);
        var anchor = CertificatePem.Read(File.ReadAllText(dir["pki/ca.crt"]), "ca").Single();
        Assert.Equal("CN=root.linkerd.cluster.local", anchor.Subject);
        Assert.Equal(TimeSpan.FromHours(87600), anchor.NotAfter - TestClock.Epoch);
        var issuer = CertificatePem.Read(File.ReadAllText(dir["pki/issuer.crt"]), "issuer").Single();
        Assert.Equal(TimeSpan.FromHours(8760), issuer.NotAfter - TestClock.Epoch);
        var check = CliRun.Run("check", "--anchors", dir["pki/ca.crt"], "--issuer", dir["pki/issuer.crt"], "--issuer-key", dir["pki/issuer.key"]);
        Assert.Equal(0, check.Exit);
    }

    [Fact]
    public void Init_refuses_to_overwrite_without_force_and_leaves_the_files_untouched()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("init", "--dir", dir.Path).Exit);
        var before = File.ReadAllText(dir["ca.key"]);
        var again = CliRun.Run("init", "--dir", dir.Path);
        Assert.Equal(2, again.Exit);
        Assert.Equal($"trust: {dir["ca.crt"]}: already exists; use --force to overwrite it", again.ErrLines.Single());
        Assert.Equal(before, File.ReadAllText(dir["ca.key"]));
        Assert.Equal(0, CliRun.Run("init", "--dir", dir.Path, "--force").Exit);
        Assert.NotEqual(before, File.ReadAllText(dir["ca.key"]));
        Assert.Equal(4, dir.Files().Count());
    }

    [Fact]
    public void Init_honours_trust_domain_and_lifetimes_and_clamps_the_issuer()
    {
        using var dir = new TempDir();
        var result = CliRun.Run("init", "--dir", dir.Path, "--trust-domain", "example.org", "--anchor-lifetime", "100d", "--issuer-lifetime", "200d", "--format", "json");
        Assert.True(result.Exit == 0, result.Err);
        var json = System.Text.Json.JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("CN=root.linkerd.example.org", json.GetProperty("anchor").GetProperty("subject").GetString());
        Assert.Equal("CN=identity.linkerd.example.org", json.GetProperty("issuer").GetProperty("subject").GetString());
        Assert.Equal(json.GetProperty("anchor").GetProperty("notAfter").GetString(), json.GetProperty("issuer").GetProperty("notAfter").GetString());
        Assert.Contains("clamped", json.GetProperty("notes")[0].GetString());
        Assert.Contains("--set identityTrustDomain=example.org", result.Out);
    }

    [Fact]
    public void Init_with_a_bad_lifetime_writes_nothing()
    {
        using var dir = new TempDir();
        var result = CliRun.Run("init", "--dir", dir["out"], "--issuer-lifetime", "forever");
        Assert.Equal(2, result.Exit);
        Assert.Equal("trust: --issuer-lifetime: 'forever' is not a duration (examples: 8760h, 90d, 2h45m)", result.ErrLines.Single());
        Assert.False(Directory.Exists(dir["out"]));
    }

    // The path as typed, not as resolved: "./" and ".." stay, so the user finds their own words in the message.
    [Fact]
    public void A_dir_that_is_a_file_is_named_as_typed()
    {
        using var dir = new TempDir();
        dir.Write("f", "a regular file\n");
        var typed = Path.Combine(dir.Path, ".", "f");
        var result = CliRun.Run("init", "--dir", typed);
        Assert.Equal(2, result.Exit);
        Assert.Equal([$"trust: {typed}: cannot write: it is a file, not a folder"], result.ErrLines);
        var below = Path.Combine(dir.Path, "sub", "..", "f", "pki");
        Assert.StartsWith($"trust: {below}: cannot write: ", Assert.Single(CliRun.Run("init", "--dir", below).ErrLines));
    }

    [Fact]
    public void Init_json_carries_the_install_arguments_unquoted_and_the_checks_run()
    {
        using var dir = new TempDir();
        var pki = dir["my pki"]; // a space: shell-quoted in the text, one plain argument here
        var result = CliRun.Run("init", "--dir", pki, "--trust-domain", "example.org", "--format", "json");
        Assert.True(result.Exit == 0, result.Err);
        var json = System.Text.Json.JsonDocument.Parse(result.Out).RootElement;
        string[] Strings(string name) => [.. json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
        var (ca, crt, key) = (Path.Combine(pki, "ca.crt"), Path.Combine(pki, "issuer.crt"), Path.Combine(pki, "issuer.key"));
        Assert.Equal(["--identity-trust-anchors-file", ca, "--identity-issuer-certificate-file", crt, "--identity-issuer-key-file", key,
            "--identity-trust-domain", "example.org"], Strings("linkerdInstallArgs"));
        Assert.Equal(["--set-file", $"identityTrustAnchorsPEM={ca}", "--set-file", $"identity.issuer.tls.crtPEM={crt}",
            "--set-file", $"identity.issuer.tls.keyPEM={key}", "--set", "identityTrustDomain=example.org"], Strings("helmArgs"));
        // The field that was there before is unchanged: shell-quoted flags, one string each.
        Assert.Equal($"--set-file identityTrustAnchorsPEM='{ca}'", Strings("helmFlags")[0]);

        // The checks run are the ones trust check runs on the written files, with the same ids, titles and verdicts.
        var check = CliRun.Run("check", "--anchors", ca, "--issuer", crt, "--issuer-key", key, "--format", "json");
        var expected = System.Text.Json.JsonDocument.Parse(check.Out).RootElement.GetProperty("checks");
        var checks = json.GetProperty("checks");
        Assert.Equal(expected.GetArrayLength(), checks.GetArrayLength());
        Assert.True(checks.GetArrayLength() >= 10);
        foreach (var (got, want) in checks.EnumerateArray().Zip(expected.EnumerateArray()))
            foreach (var field in new[] { "id", "title", "severity", "status" })
                Assert.Equal(want.GetProperty(field).GetString(), got.GetProperty(field).GetString());
        Assert.All(checks.EnumerateArray(), c => Assert.Equal("pass", c.GetProperty("status").GetString()));
    }

    [Fact]
    public void Init_json_leaves_out_the_trust_domain_argument_for_the_default_domain()
    {
        using var dir = new TempDir();
        var result = CliRun.Run("init", "--dir", dir.Path, "--format", "json");
        var json = System.Text.Json.JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(6, json.GetProperty("linkerdInstallArgs").GetArrayLength());
        Assert.Equal(6, json.GetProperty("helmArgs").GetArrayLength());
    }
}
