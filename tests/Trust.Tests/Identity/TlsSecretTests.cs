using System.Text;
using Trust.Certificates;
using Trust.Findings;
using Trust.Identity;
using Trust.Keys;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Identity;

public class TlsSecretTests
{
    private const string Source = "linkerd/linkerd-identity-issuer";

    private sealed record Pair(Issued Anchor, Issued Issuer);

    private static readonly Lazy<Pair> Shared = new(() =>
    {
        var anchor = Pki.Anchor();
        return new Pair(anchor, Pki.Issuer(anchor));
    });

    private static Issued Anchor => Shared.Value.Anchor;
    private static Issued Issuer => Shared.Value.Issuer;

    private static Dictionary<string, byte[]> Data(string? crt, string? key, string? ca)
    {
        var data = new Dictionary<string, byte[]>();
        if (crt is not null) data["tls.crt"] = Encoding.UTF8.GetBytes(crt);
        if (key is not null) data["tls.key"] = Encoding.UTF8.GetBytes(key);
        if (ca is not null) data["ca.crt"] = Encoding.UTF8.GetBytes(ca);
        return data;
    }

    private static string[] Messages(IEnumerable<Finding> findings) => findings.Select(f => f.Message).ToArray();

    [Fact]
    public void Compose_writes_cert_managers_layout_with_a_PKCS1_key_by_default()
    {
        var secret = TlsSecret.Compose([Issuer.Certificate, Anchor.Certificate], Issuer.Key);
        Assert.Equal(Issuer.Pem, secret.Certificate);
        Assert.Equal(Anchor.Pem, secret.Ca);
        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----", secret.PrivateKey);
        Assert.Equal("kubernetes.io/tls data (tls.crt, tls.key, ca.crt)", secret.ToString());
        Assert.DoesNotContain("PRIVATE", secret.ToString());

        var data = secret.ToData();
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], data.Keys.Order());
        Assert.Equal(secret.Certificate, Encoding.UTF8.GetString(data[TlsSecret.CertificateKey]));
        Assert.Equal(secret.PrivateKey, Encoding.UTF8.GetString(data[TlsSecret.PrivateKeyKey]));
        Assert.Equal(secret.Ca, Encoding.UTF8.GetString(data[TlsSecret.CaKey]));
        Assert.NotSame(data[TlsSecret.CaKey], secret.ToData()[TlsSecret.CaKey]);

        using var parsed = TlsSecret.Parse(data, Source).GetValueOrThrow();
        Assert.Equal(KeyPemFormat.Sec1, parsed.KeyFormat);
        Assert.Equal(Issuer.Certificate.Fingerprint, parsed.Certificate.Fingerprint);
        Assert.Equal(Anchor.Certificate.Fingerprint, parsed.Ca!.Fingerprint);
        Assert.Equal(secret.Certificate, parsed.CertificateText);
        Assert.Equal(secret.Ca, parsed.CaText);
        Assert.Equal("'CN=identity.linkerd.cluster.local' with 0 intermediate(s) and its key", parsed.ToString());
    }

    [Fact]
    public void Compose_can_write_a_PKCS8_key()
    {
        var secret = TlsSecret.Compose([Issuer.Certificate, Anchor.Certificate], Issuer.Key, TlsKeyEncoding.Pkcs8);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", secret.PrivateKey);
        using var parsed = TlsSecret.Parse(secret.ToData(), Source).GetValueOrThrow();
        Assert.Equal(KeyPemFormat.Pkcs8, parsed.KeyFormat);
    }

    [Fact]
    public void Without_a_self_signed_root_the_highest_certificate_is_the_CA()
    {
        var root = Pki.Anchor(pathLength: 2);
        var intermediate = Pki.Issuer(root, subject: "intermediate", pathLength: 1);
        var issuer = Pki.Issuer(intermediate);
        var secret = TlsSecret.Compose([issuer.Certificate, intermediate.Certificate], issuer.Key);
        Assert.Equal(CertificatePem.Write([issuer.Certificate, intermediate.Certificate]), secret.Certificate);
        Assert.Equal(intermediate.Pem, secret.Ca);

        var withRoot = TlsSecret.Compose([issuer.Certificate, intermediate.Certificate, root.Certificate], issuer.Key);
        Assert.Equal(CertificatePem.Write([issuer.Certificate, intermediate.Certificate]), withRoot.Certificate);
        Assert.Equal(root.Pem, withRoot.Ca);
        using var parsed = TlsSecret.Parse(withRoot.ToData(), Source).GetValueOrThrow();
        Assert.Equal(2, parsed.Chain.Count);
        Assert.Equal("'CN=identity.linkerd.cluster.local' with 1 intermediate(s) and its key", parsed.ToString());
    }

    [Fact]
    public void A_self_signed_certificate_alone_stays_in_tls_crt_and_is_its_own_CA()
    {
        Assert.Equal([Anchor.Certificate], TlsSecret.ChainWithoutRoot([Anchor.Certificate]));
        var secret = TlsSecret.Compose([Anchor.Certificate], Anchor.Key);
        Assert.Equal(Anchor.Pem, secret.Certificate);
        Assert.Equal(Anchor.Pem, secret.Ca);
        Assert.True(TlsSecret.Parse(secret.ToData(), Source).IsClean);
    }

    [Fact]
    public void Compose_refuses_programmer_mistakes()
    {
        Assert.Throws<ArgumentNullException>(() => TlsSecret.Compose(null!, Issuer.Key));
        Assert.Throws<ArgumentNullException>(() => TlsSecret.Compose([Issuer.Certificate], null!));
        Assert.Equal("chain", Assert.Throws<ArgumentException>(() => TlsSecret.Compose([], Issuer.Key)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => TlsSecret.Compose([Issuer.Certificate], Anchor.Key)).ParamName);
        Assert.Throws<ArgumentNullException>(() => TlsSecret.ChainWithoutRoot(null!));
        Assert.Throws<ArgumentNullException>(() => TlsSecret.Parse(null!, Source));
        Assert.Throws<ArgumentNullException>(() => TlsSecret.Parse(new Dictionary<string, byte[]>(), null!));
    }

    [Theory]
    [InlineData(false, true, "has no tls.crt")]
    [InlineData(true, false, "has no tls.key")]
    public void A_missing_certificate_or_key_fails_the_read(bool crt, bool key, string message)
    {
        var result = TlsSecret.Parse(Data(crt ? Issuer.Pem : null, key ? Issuer.KeyPem : null, Anchor.Pem), Source);
        Assert.Null(result.Value);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingIds.TlsSecretLayout, finding.Id);
        Assert.Equal(message, finding.Message);
        Assert.Equal(Source, finding.Source);
        Assert.Equal(RemedyAction.CreateIssuer, finding.Remedy!.Action);
    }

    [Fact]
    public void Empty_values_count_as_missing_and_both_are_reported()
    {
        var result = TlsSecret.Parse(Data("", "", null), Source);
        Assert.Null(result.Value);
        Assert.Equal(["has no tls.crt", "has no tls.key"], Messages(result.Findings));
    }

    [Fact]
    public void An_encrypted_key_fails_the_read()
    {
        var result = TlsSecret.Parse(Data(Issuer.Pem, PrivateKeyPem.Write(Issuer.Key, "pw"), Anchor.Pem), Source);
        Assert.Null(result.Value);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingIds.KeyPasswordRequired, finding.Id);
        Assert.Equal($"{Source} tls.key", finding.Source);
        Assert.Equal(RemedyAction.DecryptKey, finding.Remedy!.Action);
    }

    [Fact]
    public void An_unreadable_key_or_certificate_fails_the_read_naming_the_key()
    {
        var badKey = TlsSecret.Parse(Data(Issuer.Pem, "not a key", Anchor.Pem), Source);
        Assert.Null(badKey.Value);
        Assert.Equal($"{Source} tls.key", Assert.Single(badKey.Findings).Source);

        var garbledKey = TlsSecret.Parse(Data(Issuer.Pem, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", Anchor.Pem), Source);
        Assert.Null(garbledKey.Value);
        Assert.NotEmpty(garbledKey.Findings);

        var badCrt = TlsSecret.Parse(Data("junk", Issuer.KeyPem, Anchor.Pem), Source);
        Assert.Null(badCrt.Value);
        Assert.Equal($"{Source} tls.crt", Assert.Single(badCrt.Findings).Source);
    }

    [Fact]
    public void A_key_of_another_certificate_is_read_with_a_mismatch_finding()
    {
        using var contents = TlsSecret.Parse(Data(Issuer.Pem, Anchor.KeyPem, Anchor.Pem), Source) is var r && r.Value is { } v ? v : throw new Xunit.Sdk.XunitException("no value");
        var finding = Assert.Single(r.Findings);
        Assert.Equal(FindingIds.KeyMismatch, finding.Id);
        Assert.Equal("tls.key does not belong to the first certificate of tls.crt ('CN=identity.linkerd.cluster.local')", finding.Message);
        Assert.Equal(RemedyAction.ProvideMatchingKey, finding.Remedy!.Action);
        Assert.Equal(Source, finding.Source);
    }

    [Fact]
    public void The_root_inside_tls_crt_is_a_layout_finding()
    {
        var result = TlsSecret.Parse(Data(CertificatePem.Write([Issuer.Certificate, Anchor.Certificate]), Issuer.KeyPem, Anchor.Pem), Source);
        Assert.NotNull(result.Value);
        Assert.Equal(["tls.crt holds the self-signed root 'CN=root.linkerd.cluster.local'; cert-manager leaves the root out (it belongs in ca.crt)"],
            Messages(result.Findings));
        result.Value.Dispose();
    }

    [Fact]
    public void A_chain_out_of_order_is_a_layout_finding()
    {
        var root = Pki.Anchor(pathLength: 2);
        var intermediate = Pki.Issuer(root, subject: "intermediate", pathLength: 1);
        var issuer = Pki.Issuer(intermediate);
        var result = TlsSecret.Parse(Data(CertificatePem.Write([issuer.Certificate, root.Certificate, intermediate.Certificate]), issuer.KeyPem,
            root.Pem), Source);
        Assert.Contains("tls.crt is out of order: certificate 2 ('CN=root.linkerd.cluster.local') did not issue certificate 1 ('CN=identity.linkerd.cluster.local')",
            Messages(result.Findings));
        Assert.Contains("tls.crt is out of order: certificate 3 ('CN=intermediate') did not issue certificate 2 ('CN=root.linkerd.cluster.local')",
            Messages(result.Findings));
        result.Value!.Dispose();
    }

    [Fact]
    public void A_missing_ca_crt_is_a_layout_finding_but_the_contents_are_read()
    {
        foreach (var ca in new[] { null, "" })
        {
            var result = TlsSecret.Parse(Data(Issuer.Pem, Issuer.KeyPem, ca), Source);
            using var contents = result.Value!;
            Assert.Null(contents.Ca);
            Assert.Null(contents.CaText);
            Assert.Equal(["has no ca.crt; Linkerd's CLI and checks need it with the kubernetes.io/tls scheme"], Messages(result.Findings));
        }
    }

    [Fact]
    public void A_ca_crt_with_more_than_the_root_is_a_layout_finding()
    {
        var other = Pki.Anchor(subject: "other");
        var result = TlsSecret.Parse(Data(Issuer.Pem, Issuer.KeyPem, CertificatePem.Write([Anchor.Certificate, other.Certificate])), Source);
        Assert.Equal(["ca.crt holds 2 certificates; cert-manager writes only the root"], Messages(result.Findings));
        Assert.Equal(Anchor.Certificate.Fingerprint, result.Value!.Ca!.Fingerprint);
        result.Value.Dispose();
    }

    [Fact]
    public void A_ca_crt_that_did_not_issue_the_chain_is_a_layout_finding()
    {
        var stranger = Pki.Anchor();
        var result = TlsSecret.Parse(Data(Issuer.Pem, Issuer.KeyPem, stranger.Pem), Source);
        Assert.Equal(["ca.crt ('CN=root.linkerd.cluster.local') is not the CA that issued the top of tls.crt ('CN=identity.linkerd.cluster.local', issued by 'CN=root.linkerd.cluster.local')"],
            Messages(result.Findings));
        result.Value!.Dispose();

        var otherName = TlsSecret.Parse(Data(Issuer.Pem, Issuer.KeyPem, Pki.Anchor(subject: "elsewhere").Pem), Source);
        Assert.Single(otherName.Findings);
        otherName.Value!.Dispose();
    }

    [Fact]
    public void A_ca_crt_equal_to_the_top_of_the_chain_completes_it()
    {
        var result = TlsSecret.Parse(Data(Issuer.Pem, Issuer.KeyPem, Issuer.Pem), Source);
        Assert.True(result.IsClean);
        result.Value!.Dispose();
    }

    [Fact]
    public void An_unreadable_ca_crt_is_reported_with_its_source()
    {
        var result = TlsSecret.Parse(Data(Issuer.Pem, Issuer.KeyPem, "junk"), Source);
        Assert.Equal($"{Source} ca.crt", Assert.Single(result.Findings).Source);
        Assert.Null(result.Value!.Ca);
        result.Value.Dispose();
    }
}
