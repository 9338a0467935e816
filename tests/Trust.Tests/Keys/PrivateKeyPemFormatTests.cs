using System.Formats.Asn1;
using System.Security.Cryptography;
using Trust.Findings;
using Trust.Keys;
using Trust.Tests.Support;

namespace Trust.Tests.Keys;

public class PrivateKeyPemFormatTests
{
    private static readonly Lazy<SigningKey> Ec = new(() => SigningKey.Generate(KeyAlgorithm.EcdsaP256));
    // Few iterations keep the test fast; the count is not what these tests are about.
    private static readonly Lazy<string> Encrypted = new(() => Ec.Value.ExportEncryptedPkcs8Pem("pw", 1000));

    private static string Pem(string label, byte[] der, string headers = "") =>
        $"-----BEGIN {label}-----\n{headers}{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)}\n-----END {label}-----\n";

    private static string RsaPkcs1()
    {
        using var rsa = RSA.Create(2048);
        return Pem("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey());
    }

    [Fact]
    public void Each_format_is_detected_from_its_label()
    {
        Assert.Equal(KeyPemFormat.Pkcs8, PrivateKeyPem.DetectFormat(Ec.Value.ExportPkcs8Pem()));
        Assert.Equal(KeyPemFormat.Sec1, PrivateKeyPem.DetectFormat(Ec.Value.ExportTraditionalPem()));
        Assert.Equal(KeyPemFormat.Pkcs1, PrivateKeyPem.DetectFormat(RsaPkcs1()));
        Assert.Equal(KeyPemFormat.EncryptedPkcs8, PrivateKeyPem.DetectFormat(Encrypted.Value));
        Assert.Equal(KeyPemFormat.LegacyEncrypted,
            PrivateKeyPem.DetectFormat(Pem("EC PRIVATE KEY", [1, 2, 3], "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n")));
        Assert.Null(PrivateKeyPem.DetectFormat(Pki.Anchor().Pem));
        Assert.Null(PrivateKeyPem.DetectFormat(""));
        Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.DetectFormat(null!));
    }

    [Fact]
    public void The_first_key_block_is_read_after_other_blocks()
    {
        var text = Pki.Anchor().Pem + Ec.Value.ExportPkcs8Pem();
        Assert.Equal(KeyPemFormat.Pkcs8, PrivateKeyPem.DetectFormat(text));
        using var key = PrivateKeyPem.Read(text, "k");
        Assert.True(key.Matches(Ec.Value.SubjectPublicKeyInfo.Span));
    }

    [Fact]
    public void Each_unencrypted_format_reads_back_the_same_key()
    {
        using var sec1 = PrivateKeyPem.Read(Ec.Value.ExportTraditionalPem(), "k");
        Assert.True(sec1.Matches(Ec.Value.SubjectPublicKeyInfo.Span));
        using var rsa = PrivateKeyPem.Read(RsaPkcs1(), "k");
        Assert.Equal(Trust.Certificates.PublicKeyAlgorithm.Rsa, rsa.Kind.Algorithm);
        using var rsa8 = PrivateKeyPem.Read(rsa.ExportPkcs8Pem(), "k");
        Assert.True(rsa8.Matches(rsa.SubjectPublicKeyInfo.Span));
    }

    [Theory]
    [InlineData("", "expected a private key, found no PEM block")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "expected a private key, found a 'CERTIFICATE' block")]
    public void Text_without_a_key_block_says_what_it_found(string text, string message)
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(text, "issuer.key"));
        Assert.Equal(FindingIds.KeyMissing, e.Finding.Id);
        Assert.Equal(message, e.Finding.Message);
        Assert.Equal("issuer.key", e.Finding.Source);
    }

    [Theory]
    [InlineData("PRIVATE KEY")]
    [InlineData("EC PRIVATE KEY")]
    [InlineData("RSA PRIVATE KEY")]
    public void A_block_that_is_not_a_key_is_malformed_naming_the_label(string label)
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Pem(label, [0x30, 0x03, 0x02, 0x01, 0x00]), "k.pem"));
        Assert.Equal(FindingIds.KeyMalformed, e.Finding.Id);
        Assert.StartsWith($"the {label} block is not a valid key (", e.Finding.Message);
        Assert.Equal("k.pem", e.Finding.Source);
    }

    [Fact]
    public void An_Ed25519_key_is_an_unsupported_algorithm()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence()) writer.WriteObjectIdentifier("1.3.101.112");
            writer.WriteOctetString([0x04, 0x20, .. new byte[32]]);
        }
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Pem("PRIVATE KEY", writer.Encode()), "ed.key"));
        Assert.Equal(FindingIds.KeyAlgorithmUnsupported, e.Finding.Id);
        Assert.Equal("key algorithm Ed25519 is not supported; use ECDSA or RSA", e.Finding.Message);
        Assert.Equal("ed.key", e.Finding.Source);
    }

    [Fact]
    public void An_encrypted_key_needs_its_password()
    {
        var missing = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Encrypted.Value, "anchor.key"));
        Assert.Equal(FindingIds.KeyPasswordRequired, missing.Finding.Id);
        Assert.Equal("the key is encrypted; a password is needed", missing.Finding.Message);
        Assert.Equal(RemedyAction.ProvidePassword, missing.Finding.Remedy!.Action);
        Assert.Equal("anchor.key", missing.Finding.Source);

        var wrong = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Encrypted.Value, "anchor.key", "nope"));
        Assert.Equal(FindingIds.KeyPasswordWrong, wrong.Finding.Id);
        Assert.Equal("cannot decrypt the key: wrong password or unsupported encryption", wrong.Finding.Message);
        Assert.Equal("give the password the key was encrypted with", wrong.Finding.Remedy!.Advice);

        using var key = PrivateKeyPem.Read(Encrypted.Value, "anchor.key", "pw");
        Assert.True(key.Matches(Ec.Value.SubjectPublicKeyInfo.Span));
    }

    [Fact]
    public void TryRead_and_TryDetectFormat_return_problems_as_findings()
    {
        var ok = PrivateKeyPem.TryRead(Ec.Value.ExportPkcs8Pem(), "k");
        Assert.True(ok.IsClean);
        ok.Value!.Dispose();
        var failed = PrivateKeyPem.TryRead("nothing", "k");
        Assert.Null(failed.Value);
        Assert.Equal(FindingIds.KeyMissing, Assert.Single(failed.Findings).Id);
        Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.TryRead(null!, "k"));

        Assert.Equal(KeyPemFormat.Pkcs8, PrivateKeyPem.TryDetectFormat(Ec.Value.ExportPkcs8Pem(), "k", out var none));
        Assert.Null(none);
        Assert.Null(PrivateKeyPem.TryDetectFormat("nothing", "k.pem", out var noKey));
        Assert.Equal(new Finding(FindingIds.KeyMissing, "no private key block found") { Source = "k.pem" }, noKey);
        Assert.Null(PrivateKeyPem.TryDetectFormat("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n", "bad.pem", out var malformed));
        Assert.Equal("bad.pem", malformed!.Source);
        Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.TryDetectFormat(null!, "k", out _));
    }

    [Fact]
    public void Write_refuses_fewer_iterations_only_when_encrypting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PrivateKeyPem.Write(Ec.Value, "pw", PrivateKeyPem.DefaultIterations - 1));
        Assert.Equal("iterations", e.ParamName);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", PrivateKeyPem.Write(Ec.Value, default, 1));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", PrivateKeyPem.Write(Ec.Value, "pw", PrivateKeyPem.DefaultIterations));
        Assert.Equal(600_000, PrivateKeyPem.DefaultIterations);
        Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.Write(null!));
    }

    [Theory]
    [InlineData("PRIVATE KEY", true)]
    [InlineData("EC PRIVATE KEY", true)]
    [InlineData("RSA PRIVATE KEY", true)]
    [InlineData("ENCRYPTED PRIVATE KEY", true)]
    [InlineData("CERTIFICATE", false)]
    [InlineData("PUBLIC KEY", false)]
    public void Private_key_labels_are_known(string label, bool isKey) => Assert.Equal(isKey, PrivateKeyPem.IsPrivateKeyLabel(label));
}
