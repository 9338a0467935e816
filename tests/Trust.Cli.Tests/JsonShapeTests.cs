using System.Text.Json;

namespace Trust.Cli.Tests;

/// <summary>
/// The <c>--format json</c> shapes docs/cli.md promises are stable: every documented field is present, under its
/// documented name. Adding a field is fine; renaming or removing one fails here.
/// </summary>
public class JsonShapeTests
{
    private static readonly string[] CertificateFields =
        ["subject", "issuer", "serial", "notBefore", "notAfter", "publicKey", "signatureAlgorithm", "isCA", "pathLen",
         "keyUsage", "extendedKeyUsage", "dnsNames", "sha256"];

    private static JsonElement Json(params string[] args)
    {
        var run = CliRun.Run([.. args, "--format", "json"]);
        Assert.True(run.Exit is 0 or 1, run.Err);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static void HasFields(JsonElement element, params string[] names)
    {
        foreach (var name in names) Assert.True(element.TryGetProperty(name, out _), $"missing '{name}' in {element}");
    }

    private static void IsCertificate(JsonElement element)
    {
        HasFields(element, CertificateFields);
        HasFields(element.GetProperty("publicKey"), "algorithm", "bits");
    }

    [Fact]
    public void Every_command_keeps_its_documented_fields()
    {
        using var dir = new TempDir();
        var init = Json("init", "--dir", dir["p"]);
        HasFields(init, "anchorCertificate", "anchorKey", "issuerCertificate", "issuerKey", "anchor", "issuer", "notes", "checksPassed", "helmFlags",
            "helmArgs", "linkerdInstallArgs", "checks");
        HasFields(init.GetProperty("checks")[0], "id", "title", "severity", "status", "message");
        IsCertificate(init.GetProperty("anchor"));
        IsCertificate(init.GetProperty("issuer"));

        var anchor = Json("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password");
        HasFields(anchor, "kind", "certificateFile", "keyFile", "certificate", "notes", "warnings");
        IsCertificate(anchor.GetProperty("certificate"));
        HasFields(Json("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["a.crt"], "--ca-key", dir["a.key"]),
            "kind", "certificateFile", "keyFile", "certificate", "notes", "warnings");
        HasFields(Json("leaf", "create", dir["l.crt"], dir["l.key"], "--ca", dir["p/issuer.crt"], "--ca-key", dir["p/issuer.key"], "--san", "a.b"),
            "kind", "certificateFile", "keyFile", "certificate", "notes", "warnings");

        var valid = Json("verify", dir["p/issuer.crt"], "--anchors", dir["p/ca.crt"]);
        HasFields(valid, "valid", "chain");
        IsCertificate(valid.GetProperty("chain")[0]);
        HasFields(Json("verify", dir["p/issuer.crt"], "--anchors", dir["a.crt"]), "valid", "reason", "chain");

        HasFields(Json("bundle", dir["b.pem"], dir["p/ca.crt"], dir["a.crt"]),
            "file", "certificates", "read", "duplicatesDropped", "expiredDropped", "nonCaDropped");
        IsCertificate(Json("inspect", dir["p/ca.crt"])[0]);

        var check = Json("check", "--anchors", dir["p/ca.crt"], "--issuer", dir["p/issuer.crt"], "--issuer-key", dir["p/issuer.key"]);
        HasFields(check, "passed", "checks");
        HasFields(check.GetProperty("checks")[0], "id", "title", "severity", "status", "message");
        var failed = Json("check", "--anchors", dir["a.crt"], "--issuer", dir["p/issuer.crt"]);
        HasFields(failed.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("status").GetString() != "pass"),
            "id", "title", "severity", "status", "message", "hint", "remedy");

        HasFields(Json("needs-renewal", dir["p/issuer.crt"]), "needsRenewal", "renewalTime", "notBefore", "notAfter", "subject", "expired");
    }

    [Fact]
    public void Text_in_json_stays_readable()
    {
        using var dir = new TempDir();
        var init = CliRun.Run("init", "--dir", dir["p"]);
        Assert.Equal(0, init.Exit);
        var anchor = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", "--subject", "Zürich root");
        Assert.Equal(0, anchor.Exit);
        var run = CliRun.Run("verify", dir["p/issuer.crt"], "--anchors", dir["a.crt"], "--format", "json");
        Assert.Contains("'CN=", run.Out);
        Assert.DoesNotContain("\\u0027", run.Out);
        var inspect = CliRun.Run("inspect", dir["a.crt"], "--format", "json");
        Assert.Contains("Zürich root", inspect.Out);
    }
}
