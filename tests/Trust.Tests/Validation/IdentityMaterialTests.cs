using System.Text;
using Trust.Findings;
using Trust.Keys;
using Trust.Pem;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public class IdentityMaterialTests
{
    private sealed record Pair(Issued Anchor, Issued Issuer);

    private static readonly Lazy<Pair> Shared = new(() =>
    {
        var anchor = Pki.Anchor();
        return new Pair(anchor, Pki.Issuer(anchor));
    });

    private static Issued Anchor => Shared.Value.Anchor;
    private static Issued Issuer => Shared.Value.Issuer;

    private static IdentityInput Text(string source, string text) => IdentityInput.FromText(source, text);

    [Fact]
    public void PEM_inputs_load_with_their_texts_and_key_format()
    {
        var result = IdentityMaterial.Load(Text("ca.crt", Anchor.Pem), Text("issuer.crt", Issuer.Pem), Text("issuer.key", Issuer.KeyPem));
        Assert.True(result.IsClean);
        using var material = result.Value!;
        Assert.Equal(Anchor.Certificate.Fingerprint, Assert.Single(material.Anchors).Fingerprint);
        Assert.Equal(Issuer.Certificate.Fingerprint, Assert.Single(material.IssuerChain).Fingerprint);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Anchor.Pem), material.AnchorsContent!.Value.ToArray());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Issuer.Pem), material.IssuerContent!.Value.ToArray());
        Assert.Equal(KeyPemFormat.Pkcs8, material.IssuerKeyFormat);
        Assert.True(material.IssuerKey!.Matches(Issuer.Certificate.SubjectPublicKeyInfo.Span));
        Assert.Equal("1 anchor(s), issuer 'CN=identity.linkerd.cluster.local' with its key", material.ToString());
    }

    [Fact]
    public void DER_inputs_load_as_deployed_and_no_key_means_none()
    {
        var result = IdentityMaterial.Load(new IdentityInput("ca.der", Anchor.Certificate.Der), new IdentityInput("issuer.der", Issuer.Certificate.Der));
        using var material = result.GetValueOrThrow();
        Assert.Equal(Anchor.Certificate.Der.ToArray(), material.AnchorsContent!.Value.ToArray());
        Assert.Equal(Issuer.Certificate.Der.ToArray(), material.IssuerContent!.Value.ToArray());
        Assert.Null(material.IssuerKey);
        Assert.Null(material.IssuerKeyFormat);
        Assert.Equal("1 anchor(s), issuer 'CN=identity.linkerd.cluster.local'", material.ToString());
    }

    [Fact]
    public void An_encrypted_key_is_not_decrypted_but_its_format_is_kept_for_the_checks()
    {
        var result = IdentityMaterial.Load(Text("ca.crt", Anchor.Pem), Text("issuer.crt", Issuer.Pem), Text("issuer.key", PrivateKeyPem.Write(Issuer.Key, "pw")));
        using var material = result.GetValueOrThrow();
        Assert.Null(material.IssuerKey);
        Assert.Equal(KeyPemFormat.EncryptedPkcs8, material.IssuerKeyFormat);
    }

    [Fact]
    public void Every_bad_input_is_a_finding_naming_its_source()
    {
        var result = IdentityMaterial.Load(Text("ca.crt", "junk"), Text("issuer.crt", "more junk"), Text("issuer.key", "no key"));
        Assert.Null(result.Value);
        Assert.Equal(["ca.crt", "issuer.crt", "issuer.key"], result.Findings.Select(f => f.Source));
    }

    [Fact]
    public void A_key_that_is_binary_is_not_PEM_text()
    {
        var result = IdentityMaterial.Load(Text("ca.crt", Anchor.Pem), Text("issuer.crt", Issuer.Pem), new IdentityInput("issuer.key", new byte[] { 0xff, 0xfe, 0x00 }));
        Assert.Null(result.Value);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingIds.KeyMissing, finding.Id);
        Assert.Equal("not PEM text (binary data)", finding.Message);
        Assert.Equal("issuer.key", finding.Source);
    }

    [Fact]
    public void A_key_block_that_does_not_parse_fails_the_load()
    {
        var garbled = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        var result = IdentityMaterial.Load(Text("ca.crt", Anchor.Pem), Text("issuer.crt", Issuer.Pem), Text("issuer.key", garbled));
        Assert.Null(result.Value);
        Assert.Equal("issuer.key", Assert.Single(result.Findings).Source);
    }

    [Fact]
    public void A_good_key_with_a_bad_certificate_still_fails()
    {
        var result = IdentityMaterial.Load(Text("ca.crt", Anchor.Pem), Text("issuer.crt", "junk"), Text("issuer.key", Issuer.KeyPem));
        Assert.Null(result.Value);
        Assert.Equal("issuer.crt", Assert.Single(result.Findings).Source);
    }

    [Fact]
    public void Disposing_the_material_disposes_its_key()
    {
        var material = IdentityMaterial.Load(Text("ca.crt", Anchor.Pem), Text("issuer.crt", Issuer.Pem), Text("issuer.key", Issuer.KeyPem)).GetValueOrThrow();
        var key = material.IssuerKey!;
        material.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => key.ExportPkcs8Pem());
        new IdentityMaterial { Anchors = [], IssuerChain = [] }.Dispose();
        Assert.Equal("0 anchor(s), issuer 'none'", new IdentityMaterial { Anchors = [], IssuerChain = [] }.ToString());
    }

    [Fact]
    public void Null_inputs_are_programmer_mistakes()
    {
        Assert.Throws<ArgumentNullException>(() => IdentityMaterial.Load(null!, Text("i", Issuer.Pem)));
        Assert.Throws<ArgumentNullException>(() => IdentityMaterial.Load(Text("a", Anchor.Pem), null!));
        Assert.Throws<ArgumentNullException>(() => IdentityInput.FromText("s", null!));
        Assert.Equal(Encoding.UTF8.GetBytes("é"), IdentityInput.FromText("s", "é").Content.ToArray());
    }
}
