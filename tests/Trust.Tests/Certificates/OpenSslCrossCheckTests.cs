using Trust.Pem;
using Trust.Keys;
using Trust.Tests.Support;

namespace Trust.Tests.Certificates;

/// <summary>openssl, which we did not write, must accept and describe what we write exactly as we intend.</summary>
public class OpenSslCrossCheckTests
{
    [Theory]
    [InlineData("ec256")]
    [InlineData("ec384")]
    [InlineData("rsa2048")]
    public void Openssl_verifies_anchor_issuer_and_leaf_for_server_and_client(string anchorKind)
    {
        using var dir = new TempDir();
        var spec = anchorKind switch { "ec384" => KeyAlgorithm.EcdsaP384, "rsa2048" => KeyAlgorithm.Rsa2048, _ => KeyAlgorithm.EcdsaP256 };
        var anchor = Pki.Anchor(spec: spec);
        var issuer = Pki.Issuer(anchor);
        var leafKey = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var leaf = new Trust.Certificates.CertificateFactory().CreateLeaf(
            new Trust.Certificates.LeafProfile { DnsNames = ["web.ns.serviceaccount.identity.linkerd.cluster.local"] },
            leafKey.SubjectPublicKeyInfo.Span, [issuer.Certificate, anchor.Certificate], issuer.Key, Pki.Now).Certificate;
        var at = Pki.Now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ca = dir.Write("ca.crt", anchor.Pem);
        var mid = dir.Write("issuer.crt", issuer.Pem);
        var crt = dir.Write("leaf.crt", CertificatePem.Write([leaf]));

        Assert.Equal((0, $"{mid}: OK\n"), OpenSsl.Run("verify", "-attime", at, "-x509_strict", "-CAfile", ca, mid));
        foreach (var purpose in new[] { "sslserver", "sslclient" })
        {
            var (exit, output) = OpenSsl.Run("verify", "-attime", at, "-x509_strict", "-purpose", purpose, "-CAfile", ca, "-untrusted", mid, crt);
            Assert.True(exit == 0, output);
        }
    }

    [Fact]
    public void Openssl_text_shows_the_profile_we_intended()
    {
        using var dir = new TempDir();
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var (exit, text) = OpenSsl.Run("x509", "-noout", "-text", "-in", dir.Write("issuer.crt", issuer.Pem));
        Assert.Equal(0, exit);
        Assert.Contains("Version: 3 (0x2)", text);
        Assert.Contains("Signature Algorithm: ecdsa-with-SHA256", text);
        Assert.Contains("Issuer: CN = root.linkerd.cluster.local", text);
        Assert.Contains("Subject: CN = identity.linkerd.cluster.local", text);
        Assert.Contains("NIST CURVE: P-256", text);
        Assert.Contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign", text);
        Assert.Contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0", text);
        Assert.DoesNotContain("Extended Key Usage", text);
        var ski = Convert.ToHexString(anchor.Certificate.SubjectKeyId!.Value.Span);
        var colonSki = string.Join(':', Enumerable.Range(0, ski.Length / 2).Select(i => ski.Substring(i * 2, 2)));
        Assert.Contains($"X509v3 Authority Key Identifier: \n                {colonSki}", text);

        var (_, anchorText) = OpenSsl.Run("x509", "-noout", "-text", "-in", dir.Write("ca.crt", anchor.Pem));
        Assert.Contains("CA:TRUE, pathlen:1", anchorText);
        Assert.Contains($"X509v3 Subject Key Identifier: \n                {colonSki}", anchorText);
    }

    [Fact]
    public void Openssl_reads_the_same_serial_dates_and_fingerprint()
    {
        using var dir = new TempDir();
        var anchor = Pki.Anchor().Certificate;
        var (_, text) = OpenSsl.Run("x509", "-noout", "-serial", "-fingerprint", "-sha256", "-enddate", "-startdate",
            "-in", dir.Write("ca.crt", CertificatePem.Write([anchor])));
        Assert.Contains($"serial={anchor.SerialHex.ToUpperInvariant()}", text);
        var fingerprint = string.Join(':', Enumerable.Range(0, 32).Select(i => anchor.Fingerprint.Substring(i * 2, 2).ToUpperInvariant()));
        Assert.Contains($"sha256 Fingerprint={fingerprint}", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("notAfter=Nov 18 12:00:00 2036 GMT", text);
        Assert.Contains("notBefore=Nov 21 11:59:00 2026 GMT", text);
    }
}
