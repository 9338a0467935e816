using System.Security.Cryptography;
using Trust.Certificates;
using Trust.Keys;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Keys;

public class EcKeyPairTests
{
    [Fact]
    public void The_fast_path_is_in_use_on_this_linux_machine()
    {
        // CI and developer machines are Debian with OpenSSL 3: if this fails, the fast path silently fell back.
        Assert.True(EcKeyPair.UsesFastPath);
    }

    [Fact]
    public void Generated_pairs_are_valid_p256_keys_that_sign_and_round_trip_through_pkcs8()
    {
        for (var i = 0; i < 50; i++)
        {
            using var pair = EcKeyPair.GenerateP256();
            Assert.Equal("ECDSA P-256", PublicKeyInfo.Describe(pair.SubjectPublicKeyInfo).ToString());
            using var platform = ECDsa.Create();
            platform.ImportSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo, out _); // point on the curve, else throws
            using var read = PrivateKeyPem.Read(pair.ExportPkcs8Pem(), "k", out var format);
            Assert.Equal(KeyPemFormat.Pkcs8, format);
            Assert.Equal(pair.SubjectPublicKeyInfo, read.SubjectPublicKeyInfo.ToArray());
            var signature = read.Sign("data"u8);
            Assert.True(platform.VerifyData("data"u8, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    [Fact]
    public void Pairs_differ()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => { using var p = EcKeyPair.GenerateP256(); return Convert.ToHexString(p.SubjectPublicKeyInfo); });
        Assert.Equal(200, keys.Distinct().Count());
    }

    [Fact]
    public void Openssl_reads_the_pkcs8_we_write_and_derives_the_same_public_key()
    {
        using var dir = new TempDir();
        using var pair = EcKeyPair.GenerateP256();
        var (exit, der) = OpenSsl.Run("pkey", "-in", dir.Write("k.pem", pair.ExportPkcs8Pem()), "-pubout", "-outform", "PEM");
        Assert.Equal(0, exit);
        Assert.Contains(Convert.ToBase64String(pair.SubjectPublicKeyInfo)[..40], der.Replace("\n", ""));
    }

    [Fact]
    public void A_leaf_issued_for_a_fast_pair_verifies()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        using var pair = EcKeyPair.GenerateP256();
        var leaf = new CertificateFactory().CreateLeaf(new LeafProfile { DnsNames = ["a.b"] }, pair.SubjectPublicKeyInfo,
            [issuer.Certificate, anchor.Certificate], issuer.Key, Pki.Now).Certificate;
        Assert.True(ChainVerifier.Verify(leaf, [issuer.Certificate], new CertificatePool([anchor.Certificate]), Pki.Now).IsValid);
    }
}
