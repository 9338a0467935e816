using System.Formats.Asn1;
using Trust.Certificates;
using Trust.Pem;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Findings;
using Trust.Keys;
using Trust.Tests.Support;

namespace Trust.Tests.Keys;

public class PrivateKeyPemTests
{
    public static TheoryData<string> Specs => new() { "ec256", "ec384", "rsa2048" };

    private static KeyAlgorithm Spec(string name) => name switch
    {
        "ec384" => KeyAlgorithm.EcdsaP384,
        "rsa2048" => KeyAlgorithm.Rsa2048,
        _ => KeyAlgorithm.EcdsaP256,
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_unencrypted_format_round_trips(string spec)
    {
        using var key = SigningKey.Generate(Spec(spec));
        var pkcs8 = PrivateKeyPem.Write(key);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", pkcs8);
        Assert.EndsWith("-----END PRIVATE KEY-----\n", pkcs8);
        Assert.DoesNotContain("\r", pkcs8);
        foreach (var (text, format) in new[]
                 {
                     (pkcs8, KeyPemFormat.Pkcs8),
                     (key.ExportTraditionalPem(), key.Kind.Algorithm == PublicKeyAlgorithm.Rsa ? KeyPemFormat.Pkcs1 : KeyPemFormat.Sec1),
                 })
        {
            using var read = PrivateKeyPem.Read(text, "k.pem", out var found);
            Assert.Equal(format, found);
            Assert.Equal(key.SubjectPublicKeyInfo.ToArray(), read.SubjectPublicKeyInfo.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Encrypted_pkcs8_round_trips_with_the_password(string spec)
    {
        using var key = SigningKey.Generate(Spec(spec));
        var text = PrivateKeyPem.Write(key, "correct horse");
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", text);
        using var read = PrivateKeyPem.Read(text, "k.pem", out var format, "correct horse");
        Assert.Equal(KeyPemFormat.EncryptedPkcs8, format);
        Assert.Equal(key.SubjectPublicKeyInfo.ToArray(), read.SubjectPublicKeyInfo.ToArray());
    }

    [Fact]
    public void Encrypted_keys_use_pbes2_aes256_pbkdf2_sha256_with_600000_iterations_as_openssl_sees_it()
    {
        using var dir = new TempDir();
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var path = dir.Write("k.pem", PrivateKeyPem.Write(key, "secret"));
        var (exit, asn1) = OpenSsl.Run("asn1parse", "-in", path);
        Assert.Equal(0, exit);
        Assert.Contains("PBES2", asn1);
        Assert.Contains("PBKDF2", asn1);
        Assert.Contains("aes-256-cbc", asn1);
        Assert.Contains("hmacWithSHA256", asn1);
        Assert.Contains(":0927C0", asn1); // 600,000
        var password = dir.Write("pw", "secret\n");
        var (decrypt, text) = OpenSsl.Run("pkey", "-in", path, "-passin", $"file:{password}", "-noout", "-text");
        Assert.True(decrypt == 0, text);
        Assert.Contains("NIST CURVE: P-256", text);
    }

    [Fact]
    public void Keys_openssl_writes_are_read()
    {
        using var dir = new TempDir();
        var ec = dir["ec.pem"];
        Assert.Equal(0, OpenSsl.Run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", ec).Exit);
        using (var k = PrivateKeyPem.Read(File.ReadAllText(ec), ec, out var f)) Assert.Equal(KeyPemFormat.Sec1, f);
        var rsa = dir["rsa.pem"];
        Assert.Equal(0, OpenSsl.Run("genrsa", "-traditional", "-out", rsa, "2048").Exit);
        using (var k = PrivateKeyPem.Read(File.ReadAllText(rsa), rsa, out var f)) Assert.Equal(KeyPemFormat.Pkcs1, f);
        var enc = dir["enc.pem"];
        Assert.Equal(0, OpenSsl.Run("pkcs8", "-topk8", "-in", ec, "-out", enc, "-v2", "aes-256-cbc", "-passout", "pass:pw").Exit);
        using (var k = PrivateKeyPem.Read(File.ReadAllText(enc), enc, out var f, "pw")) Assert.Equal(KeyPemFormat.EncryptedPkcs8, f);
    }

    [Fact]
    public void Wrong_password_is_an_input_error_naming_the_file()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var text = PrivateKeyPem.Write(key, "right");
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(text, "ca.key", "wrong"));
        Assert.Equal("ca.key: cannot decrypt the key: wrong password or unsupported encryption", e.Message);
        var missing = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(text, "ca.key"));
        Assert.Contains("encrypted", missing.Message);
    }

    [Theory]
    [InlineData("", "no PEM block")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n", "found a 'CERTIFICATE' block")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n", "not a valid key")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nMIIB\n", "not a complete PEM block")]
    public void Bad_key_text_is_an_input_error(string text, string expected)
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(text, "x.key"));
        Assert.StartsWith("x.key: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Property(MaxTest = 300)]
    public Property Arbitrary_key_text_never_escapes_as_anything_but_an_input_error()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var good = PrivateKeyPem.Write(key);
        return Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), noise =>
        {
            var der = Convert.FromBase64String(string.Concat(good.Split('\n').Where(l => !l.StartsWith("-----"))));
            for (var i = 0; i + 1 < noise.Length; i += 2) der[noise[i] % der.Length] ^= noise[i + 1];
            foreach (var label in new[] { "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY" })
            {
                try { using var k = PrivateKeyPem.Read(PemText.Write(label, der), "k", "pw"); }
                catch (TrustInputException) { }
            }
            try { using var k = PrivateKeyPem.Read(System.Text.Encoding.Latin1.GetString(noise), "k"); }
            catch (TrustInputException) { }
        });
    }

    // PBES2 with PBKDF2 (RFC 8018) and PKCS#12 PBE: the iteration count is in the file, so it is bounded before decrypting.
    [Theory]
    [InlineData(true, 2_000_001)]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, int.MaxValue)]
    public void A_key_encrypted_with_too_many_iterations_is_refused_before_any_password_is_tried(bool pbes2, int iterations)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                if (pbes2)
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.5.13");
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier("1.2.840.113549.1.5.12");
                            using (writer.PushSequence())
                            {
                                writer.WriteOctetString(new byte[8]);
                                writer.WriteInteger(iterations);
                            }
                        }
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier("2.16.840.1.101.3.4.1.42");
                            writer.WriteOctetString(new byte[16]);
                        }
                    }
                }
                else
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.12.1.3");
                    using (writer.PushSequence())
                    {
                        writer.WriteOctetString(new byte[8]);
                        writer.WriteInteger(iterations);
                    }
                }
            }
            writer.WriteOctetString(new byte[48]);
        }
        var pem = PemText.Write("ENCRYPTED PRIVATE KEY", writer.Encode());

        var read = PrivateKeyPem.TryRead(pem, "slow.key", "pw");

        var finding = Assert.Single(read.Findings);
        Assert.Equal(FindingIds.KeyMalformed, finding.Id);
        Assert.Contains($"asks for {iterations} key-derivation iterations; at most 2,000,000 are read", finding.Message);
    }

    [Fact]
    public void Keys_are_written_with_no_more_iterations_than_are_read_back()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrivateKeyPem.Write(key, "pw", 2_000_001));
    }

    [Fact]
    public void A_key_never_prints_itself()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        Assert.Equal("ECDSA P-256 private key", key.ToString());
    }
}
