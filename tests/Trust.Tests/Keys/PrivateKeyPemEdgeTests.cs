using System.Formats.Asn1;
using System.Security.Cryptography;
using Trust.Findings;
using Trust.Keys;
using Trust.Pem;

namespace Trust.Tests.Keys;

/// <summary>Argument checks, the words for each way the platform refuses a key, and the iteration bounds, exactly.</summary>
public class PrivateKeyPemEdgeTests
{
    private static readonly Lazy<SigningKey> Ec = new(() => SigningKey.Generate(KeyAlgorithm.EcdsaP256));

    [Fact]
    public void Null_arguments_are_named()
    {
        var pem = Ec.Value.ExportPkcs8Pem();
        Assert.Equal("pem", Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.DetectFormat(null!)).ParamName);
        Assert.Equal("pem", Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.Read(null!, "k")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.Read(pem, null!)).ParamName);
        Assert.Equal("pem", Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.TryRead(null!, "k")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.TryRead(pem, null!)).ParamName);
        Assert.Equal("pem", Assert.Throws<ArgumentNullException>(() => PrivateKeyPem.TryDetectFormat(null!, "k", out _)).ParamName);
    }

    [Fact]
    public void DetectFormat_names_its_input_key_in_errors()
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.DetectFormat("-----BEGIN PRIVATE KEY-----\nAAAA\n"));
        Assert.Equal("key", e.Finding.Source);
        Assert.Equal(FindingIds.PemMalformed, e.Finding.Id);
        Assert.StartsWith("key: block 1 ('-----BEGIN PRIVATE KEY-----') is not a complete PEM block", e.Message);
    }

    private static string Problem(string label, byte[] der)
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(PemText.Write(label, der), "k.pem"));
        Assert.Equal(FindingIds.KeyMalformed, e.Finding.Id);
        return e.Finding.Message;
    }

    private static byte[] Sec1(string curveOid, byte[] point)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(new byte[32]);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0))) writer.WriteObjectIdentifier(curveOid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1))) writer.WriteBitString(point);
        }
        return writer.Encode();
    }

    [Fact]
    public void Each_way_the_platform_refuses_a_key_has_its_own_words()
    {
        Assert.Equal("the PRIVATE KEY block is not a valid key (malformed DER)", Problem("PRIVATE KEY", [0x30, 0x05, 0x02]));

        // brainpoolP256t1: a curve .NET names but OpenSSL does not offer.
        var point = new byte[65];
        point[0] = 4;
        point[^1] = 1;
        Assert.Equal("the EC PRIVATE KEY block is not a valid key (its elliptic curve is not supported)",
            Problem("EC PRIVATE KEY", Sec1("1.3.36.3.3.1.2.1.8", point)));

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var offCurve = ec.ExportECPrivateKey();
        offCurve[^1] ^= 1; // the public point's last byte: no longer on the curve
        Assert.Equal("the EC PRIVATE KEY block is not a valid key (its elliptic curve or point is not valid)", Problem("EC PRIVATE KEY", offCurve));

        Assert.Equal("the RSA PRIVATE KEY block is not a valid key (the key's values do not form a valid key)",
            Problem("RSA PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x00]));
    }

    [Fact]
    public void A_missing_password_for_an_encrypted_pkcs8_key_says_what_to_give()
    {
        var pem = Ec.Value.ExportEncryptedPkcs8Pem("pw", 1000);
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(pem, "k.pem"));
        Assert.Equal(new Remedy(RemedyAction.ProvidePassword, "give the password of the encrypted key"), e.Finding.Remedy);
    }

    /// <summary>An EncryptedPrivateKeyInfo with PBES2/PBKDF2 at <paramref name="iterations"/> and a body that is not a key.</summary>
    private static string Pbes2(int iterations)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
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
            writer.WriteOctetString(new byte[48]);
        }
        return PemText.Write("ENCRYPTED PRIVATE KEY", writer.Encode());
    }

    [Fact]
    public void Iterations_above_the_bound_are_refused_with_a_remedy()
    {
        var finding = Assert.Single(PrivateKeyPem.TryRead(Pbes2(2_000_001), "slow.key", "pw").Findings);
        Assert.Equal(FindingIds.KeyMalformed, finding.Id);
        Assert.Equal(new Remedy(RemedyAction.FixInput, "re-encrypt the key with fewer iterations (trust writes 600,000, openssl 2,048 by default)"),
            finding.Remedy);
    }

    [Fact]
    public void Exactly_the_bound_is_written_and_read_back()
    {
        // 2,000,000 PBKDF2 rounds each way: about a second, the price of testing the bound itself.
        var pem = PrivateKeyPem.Write(Ec.Value, "pw", 2_000_000);
        using var read = PrivateKeyPem.Read(pem, "k.pem", "pw");
        Assert.True(read.Matches(Ec.Value.SubjectPublicKeyInfo.Span));
    }

    [Fact]
    public void Write_names_the_iteration_range()
    {
        foreach (var iterations in new[] { 599_999, 2_000_001 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => PrivateKeyPem.Write(Ec.Value, "pw", iterations));
            Assert.Equal("iterations", e.ParamName);
            Assert.StartsWith("between 600000 and 2000000 iterations", e.Message);
        }
    }
}
