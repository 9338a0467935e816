using System.Formats.Asn1;
using System.Security.Cryptography;
using Trust.Certificates;
using Trust.Keys;

namespace Trust.Tests.Keys;

/// <summary>The in-box fallback of <see cref="EcKeyPair"/>, its PKCS#8 encoding, and its conversion to a signing key.</summary>
public class EcKeyPairPlatformTests
{
    [Fact]
    public void The_platform_fallback_generates_pairs_that_sign_and_read_back()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            using var pair = EcKeyPair.GenerateWithPlatform();
            Assert.True(seen.Add(Convert.ToHexString(pair.SubjectPublicKeyInfo)));
            using var publicOnly = ECDsa.Create();
            publicOnly.ImportSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo, out _); // the point is on the curve, else throws
            using var read = PrivateKeyPem.Read(pair.ExportPkcs8Pem(), "k");
            Assert.Equal(pair.SubjectPublicKeyInfo, read.SubjectPublicKeyInfo.ToArray());
            var signature = read.Sign("data"u8);
            Assert.True(publicOnly.VerifyData("data"u8, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    [Fact]
    public void The_pkcs8_written_is_the_platforms_own_encoding_of_the_same_key()
    {
        foreach (var pair in new[] { EcKeyPair.GenerateP256(), EcKeyPair.GenerateWithPlatform() })
        {
            using (pair)
            {
                var ours = Der(pair.ExportPkcs8Pem());
                using var platform = ECDsa.Create();
                platform.ImportPkcs8PrivateKey(ours, out _);
                Assert.Equal(Convert.ToHexString(platform.ExportPkcs8PrivateKey()), Convert.ToHexString(ours));

                // ECPrivateKey (RFC 5915) inside: version 1, the 32-byte scalar, then publicKey as [1] EXPLICIT (constructed).
                var info = new AsnReader(ours, AsnEncodingRules.DER).ReadSequence();
                info.ReadInteger();
                info.ReadSequence();
                var ec = new AsnReader(info.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
                Assert.Equal(1, (int)ec.ReadInteger());
                Assert.Equal(32, ec.ReadOctetString().Length);
                Assert.Equal(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true), ec.PeekTag());
                var point = ec.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1)).ReadBitString(out _);
                Assert.Equal(pair.SubjectPublicKeyInfo[^65..], point);
                Assert.False(ec.HasData);
            }
        }
    }

    [Fact]
    public void A_pair_becomes_a_signing_key_with_the_same_public_half()
    {
        using var pair = EcKeyPair.GenerateP256();
        using var key = pair.ToSigningKey();
        Assert.Equal("ECDSA P-256", key.Kind.ToString());
        Assert.True(key.Matches(pair.SubjectPublicKeyInfo));
        using var publicOnly = ECDsa.Create();
        publicOnly.ImportSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo, out _);
        Assert.True(publicOnly.VerifyData("x"u8, key.Sign("x"u8), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void A_pair_never_prints_its_key()
    {
        using var pair = EcKeyPair.GenerateP256();
        Assert.Equal("ECDSA P-256 key pair", pair.ToString());
    }

    [Fact]
    public void The_public_key_is_a_p256_subject_public_key_info()
    {
        using var pair = EcKeyPair.GenerateWithPlatform();
        Assert.Equal(91, pair.SubjectPublicKeyInfo.Length);
        Assert.Equal("ECDSA P-256", PublicKeyInfo.Describe(pair.SubjectPublicKeyInfo).ToString());
    }

    private static byte[] Der(string pem) =>
        Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
}
