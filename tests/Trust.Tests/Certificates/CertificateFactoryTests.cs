using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Certificates;
using Trust.Keys;
using Trust.Tests.Support;
using Trust.Time;
using Trust.Validation;

namespace Trust.Tests.Certificates;

public class CertificateFactoryTests
{
    private static readonly DateTimeOffset Now = Pki.Now;

    [Fact]
    public void Anchor_has_step_root_ca_profile()
    {
        var anchor = Pki.Anchor().Certificate;
        Assert.Equal("CN=root.linkerd.cluster.local", anchor.Subject);
        Assert.True(anchor.IsSelfIssued);
        Assert.Equal(3, anchor.Version);
        Assert.True(anchor.IsCertificateAuthority);
        Assert.True(anchor.BasicConstraintsCritical);
        Assert.Equal(1, anchor.PathLength);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, anchor.KeyUsage);
        Assert.Contains((Oids.KeyUsage, true), anchor.Extensions);
        Assert.Null(anchor.ExtendedKeyUsage);
        Assert.Null(anchor.AuthorityKeyId);
        Assert.Equal(TimeSpan.FromHours(87600), anchor.NotAfter - Now);
        Assert.Equal(Now - CertificateFactory.DefaultBackdate, anchor.NotBefore);
        Assert.Equal(Oids.EcdsaWithSha256, anchor.SignatureAlgorithm);
        Assert.True(SignatureCheck.IsSignedBy(anchor, anchor));
    }

    [Fact]
    public void Subject_key_identifier_is_sha1_of_the_public_key_bits_as_rfc5280_method_1()
    {
        var anchor = Pki.Anchor().Certificate;
        var platform = anchor.ToX509Certificate2();
        var expected = SHA1.HashData(platform.PublicKey.EncodedKeyValue.RawData);
        Assert.Equal(expected, anchor.SubjectKeyId!.Value.ToArray());
        var platformSki = platform.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Assert.Equal(Convert.ToHexString(expected), platformSki.SubjectKeyIdentifier);
    }

    [Fact]
    public void Issuer_has_intermediate_profile_and_points_at_its_anchor()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor).Certificate;
        Assert.Equal("CN=identity.linkerd.cluster.local", issuer.Subject);
        Assert.Equal(anchor.Certificate.SubjectDer.ToArray(), issuer.IssuerDer.ToArray());
        Assert.Equal(0, issuer.PathLength);
        Assert.True(issuer.BasicConstraintsCritical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, issuer.KeyUsage);
        Assert.Null(issuer.ExtendedKeyUsage);
        Assert.Equal(anchor.Certificate.SubjectKeyId!.Value.ToArray(), issuer.AuthorityKeyId!.Value.ToArray());
        Assert.Equal(TimeSpan.FromHours(8760), issuer.NotAfter - Now);
        Assert.True(SignatureCheck.IsSignedBy(issuer, anchor.Certificate));
    }

    [Fact]
    public void Issuer_that_would_outlive_its_anchor_is_clamped_with_a_note()
    {
        var anchor = Pki.Anchor(lifetime: TimeSpan.FromDays(30));
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var issued = new CertificateFactory().CreateIssuer(new IssuerProfile(), key.SubjectPublicKeyInfo.Span,
            [anchor.Certificate], anchor.Key, Now);
        Assert.Equal(anchor.Certificate.NotAfter, issued.Certificate.NotAfter);
        var note = Assert.Single(issued.Notes);
        Assert.Contains("clamped", note);
    }

    [Fact]
    public void Issuer_with_the_anchors_subject_is_refused()
    {
        var anchor = Pki.Anchor(subject: "same.example");
        var e = Assert.Throws<TrustInputException>(() => Pki.Issuer(anchor, subject: "same.example"));
        Assert.Contains("5350", e.Message);
    }

    [Fact]
    public void Issuer_cannot_have_an_rsa_key()
    {
        var anchor = Pki.Anchor();
        using var rsa = SigningKey.Generate(KeyAlgorithm.Rsa2048);
        Assert.Throws<TrustInputException>(() => new CertificateFactory().CreateIssuer(new IssuerProfile(),
            rsa.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, Now));
    }

    [Fact]
    public void Signing_with_a_key_that_does_not_match_the_ca_is_refused()
    {
        var anchor = Pki.Anchor();
        var other = Pki.Anchor(subject: "other");
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var e = Assert.Throws<TrustInputException>(() => new CertificateFactory().CreateIssuer(new IssuerProfile(),
            key.SubjectPublicKeyInfo.Span, [anchor.Certificate], other.Key, Now));
        Assert.Contains("does not match", e.Message);
    }

    [Fact]
    public void An_expired_anchor_cannot_sign()
    {
        var anchor = Pki.Anchor(lifetime: TimeSpan.FromDays(1));
        var e = Assert.Throws<TrustInputException>(() => Pki.Issuer(anchor, now: Now.AddDays(2)));
        Assert.Contains("expired", e.Message);
    }

    [Fact]
    public void A_pathlen_0_ca_cannot_sign_another_ca()
    {
        var anchor = Pki.Anchor(pathLength: 0);
        var e = Assert.Throws<TrustInputException>(() => Pki.Issuer(anchor));
        Assert.Contains("pathlen 0", e.Message);
    }

    [Fact]
    public void Leaf_has_linkerds_shape_and_is_clamped_to_the_chain()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor, lifetime: TimeSpan.FromHours(10));
        var leaf = Pki.Leaf(issuer, chainAbove: anchor.Certificate).Certificate;
        Assert.False(leaf.IsCertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, leaf.KeyUsage);
        Assert.Equal([Oids.ServerAuth, Oids.ClientAuth], leaf.ExtendedKeyUsage);
        Assert.Equal(["web.default.serviceaccount.identity.linkerd.cluster.local"], leaf.DnsNames);
        Assert.Equal(issuer.Certificate.NotAfter, leaf.NotAfter);
        Assert.Equal(Now - TimeSpan.FromSeconds(20), leaf.NotBefore);
    }

    [Theory]
    [InlineData("P-384", Oids.EcdsaWithSha384, 384)]
    [InlineData("rsa2048", Oids.Sha256WithRsa, 2048)]
    [InlineData("rsa4096", Oids.Sha256WithRsa, 4096)]
    public void Anchors_can_use_p384_and_rsa_keys(string kind, string signature, int bits)
    {
        var spec = kind switch { "P-384" => KeyAlgorithm.EcdsaP384, "rsa2048" => KeyAlgorithm.Rsa2048, _ => KeyAlgorithm.Rsa4096 };
        var anchor = Pki.Anchor(spec: spec);
        Assert.Equal(signature, anchor.Certificate.SignatureAlgorithm);
        Assert.Equal(bits, anchor.Certificate.PublicKey.Bits);
        Assert.True(SignatureCheck.IsSignedBy(anchor.Certificate, anchor.Certificate));
        var issuer = Pki.Issuer(anchor);
        Assert.True(SignatureCheck.IsSignedBy(issuer.Certificate, anchor.Certificate));
    }

    [Fact]
    public void Serial_numbers_carry_128_random_bits_and_are_positive()
    {
        var allOnes = new CertificateFactory(b => b.Fill(0xFF));
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var high = allOnes.CreateAnchor(new AnchorProfile(), key, Now).Certificate;
        Assert.Equal(16, high.SerialNumber.Length);
        Assert.Equal(Enumerable.Repeat((byte)0xFF, 16), high.SerialNumber.ToArray());
        var zero = new CertificateFactory(b => b.Clear()).CreateAnchor(new AnchorProfile(), key, Now).Certificate;
        Assert.Equal([1], zero.SerialNumber.ToArray());
        var a = Pki.Anchor().Certificate;
        var b = Pki.Anchor().Certificate;
        Assert.NotEqual(a.SerialHex, b.SerialHex);
    }

    [Fact]
    public void Times_from_2050_are_written_as_generalized_time()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var at = new DateTimeOffset(2051, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var anchor = new CertificateFactory().CreateAnchor(new AnchorProfile { NotAfter = ValidityTime.At(at) }, key, Now).Certificate;
        Assert.Equal(at, anchor.NotAfter);
        Assert.Equal(at, new DateTimeOffset(anchor.ToX509Certificate2().NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void A_full_distinguished_name_is_accepted_as_subject()
    {
        var anchor = Pki.Anchor(subject: "CN=root,O=Example Corp");
        Assert.Contains("O=Example Corp", anchor.Certificate.Subject);
        Assert.Equal("root", anchor.Certificate.CommonName);
    }

    [Property(MaxTest = 25)]
    public Property Every_generated_anchor_and_issuer_verifies_as_a_chain()
    {
        // Property: any lifetimes, pathlens and names give a chain that verifies for leaves, with nested validity.
        var anchorHours = Gen.Choose(2, 24 * 365 * 20);
        var issuerHours = Gen.Choose(1, 24 * 365 * 30);
        var pathLen = Gen.Choose(1, 5);
        var label = Gen.Elements("a", "mesh", "prod-eu", "x1");
        var cases = from ah in anchorHours from ih in issuerHours from pl in pathLen from name in label select (ah, ih, pl, name);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            var (ah, ih, pl, name) = c;
            var anchor = Pki.Anchor(subject: $"root.{name}", lifetime: TimeSpan.FromHours(ah), pathLength: pl);
            var issuer = Pki.Issuer(anchor, subject: $"identity.{name}", lifetime: TimeSpan.FromHours(ih));
            var pool = new CertificatePool([anchor.Certificate]);
            var result = ChainVerifier.Verify(issuer.Certificate, [], pool, Now);
            return result.IsValid
                   && issuer.Certificate.NotAfter <= anchor.Certificate.NotAfter
                   && issuer.Certificate.NotBefore >= anchor.Certificate.NotBefore
                   && IdentityChecks.Run(new IdentityMaterial { Anchors = [anchor.Certificate], IssuerChain = [issuer.Certificate] }, Now)
                       .Findings.Single(f => f.Id == "issuer-signed-by-anchor").Passed;
        });
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, false)]
    [InlineData(KeyAlgorithm.Rsa2048, false)]
    [InlineData(KeyAlgorithm.EcdsaP384, true)]
    public void Creating_an_anchor_Linkerd_refuses_warns_and_says_what_Linkerd_does(KeyAlgorithm algorithm, bool warned)
    {
        using var key = SigningKey.Generate(algorithm);
        var created = new CertificateFactory().CreateAnchor(new AnchorProfile(), key, Pki.Now);
        Assert.Equal(warned, created.Warnings.Count == 1);
        if (warned) Assert.Contains("Linkerd will refuse this trust anchor: must use P-256 curve", created.Warnings[0]);
        Assert.Empty(created.Notes);
    }

    [Fact]
    public void An_issuer_under_a_P384_anchor_warns_about_its_signature_and_its_anchor()
    {
        var anchor = Pki.Anchor(spec: KeyAlgorithm.EcdsaP384);
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var created = new CertificateFactory().CreateIssuer(new IssuerProfile(), key.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, Pki.Now);
        Assert.Collection(created.Warnings,
            w => Assert.Contains("Linkerd will refuse this identity issuer: must be signed by an ECDSA P-256 key, instead ECDSA-SHA384", w),
            w => Assert.Contains("Linkerd will refuse the trust anchor 'CN=root.linkerd.cluster.local' this issuer chains to", w));
        var clean = Pki.Anchor();
        Assert.Empty(new CertificateFactory().CreateIssuer(new IssuerProfile(), key.SubjectPublicKeyInfo.Span, [clean.Certificate], clean.Key, Pki.Now).Warnings);
    }
}
