using System.Formats.Asn1;
using System.Security.Cryptography;
using Trust.Certificates;
using Trust.Findings;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

/// <summary>The keys a chain may carry (KeySupport), the algorithms Linkerd accepts for anchors, and the argument checks of the signing rule.</summary>
public class KeyAndSignerMutationTests
{
    private static readonly Issued Root = Pki.Anchor();

    private static ChainResult VerifyLeaf(CertificateInfo leaf) =>
        ChainVerifier.Verify(leaf, [], new CertificatePool([Root.Certificate]), Pki.Now, KeyPurpose.Any);

    private static CertificateInfo RsaLeaf(int bits)
    {
        using var rsa = RSA.Create(bits);
        return HandMadeCertificate.Issue(Root, "leaf", rsa.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void An_RSA_key_of_1024_bits_is_accepted_and_one_byte_less_is_refused_with_both_sizes_named()
    {
        var at1024 = RsaLeaf(1024);
        Assert.Equal(1024, at1024.PublicKey.Bits);
        Assert.Null(KeySupport.Problem(at1024));
        var result = VerifyLeaf(at1024);
        Assert.True(result.IsValid, result.Failure);

        var at1016 = RsaLeaf(1016);
        Assert.Equal("'CN=leaf' has an RSA key of 1016 bits; at least 1024 are needed", KeySupport.Problem(at1016));
        Assert.Equal("'CN=leaf' has an RSA key of 1016 bits; at least 1024 are needed", VerifyLeaf(at1016).Failure);
    }

    [Fact]
    public void An_EC_point_that_is_not_on_its_curve_is_a_malformed_key()
    {
        var p256 = new AsnWriter(AsnEncodingRules.DER);
        p256.WriteObjectIdentifier("1.2.840.10045.3.1.7");
        var point = new byte[65];
        point[0] = 0x04;
        point[1] = 1; // x = 1, y = 0: not on P-256
        var leaf = HandMadeCertificate.Issue(Root, "leaf", HandMadeCertificate.Spki("1.2.840.10045.2.1", p256.Encode(), point));
        Assert.Equal(EllipticCurve.P256, leaf.PublicKey.Curve);
        Assert.Equal("'CN=leaf' has a malformed ECDSA public key", KeySupport.Problem(leaf));
        Assert.Equal("'CN=leaf' has a malformed ECDSA public key", VerifyLeaf(leaf).Failure);
    }

    [Fact]
    public void A_DSA_key_is_not_supported_anywhere_in_a_chain()
    {
        using var dsa = DSA.Create(1024);
        var leaf = HandMadeCertificate.Issue(Root, "leaf", dsa.ExportSubjectPublicKeyInfo());
        Assert.Equal(PublicKeyAlgorithm.Unknown, leaf.PublicKey.Algorithm);
        Assert.Equal("'CN=leaf' has a 1.2.840.10040.4.1 key; supported keys are ECDSA, RSA and Ed25519", VerifyLeaf(leaf).Failure);
    }

    [Fact]
    public void Linkerd_refuses_an_RSA_anchor_signed_with_SHA384_and_names_the_algorithm()
    {
        using var rsa = RSA.Create(2048);
        var anchor = HandMadeCertificate.SelfSigned("rsa-384", rsa, HashAlgorithmName.SHA384);
        Assert.Equal("must be signed with SHA256-RSA, instead SHA384-RSA was used", LinkerdAlgorithms.AnchorProblem(anchor));
        var sha256 = HandMadeCertificate.SelfSigned("rsa-256", rsa, HashAlgorithmName.SHA256);
        Assert.Null(LinkerdAlgorithms.AnchorProblem(sha256));
    }

    [Fact]
    public void Linkerd_refuses_an_anchor_whose_key_is_neither_ECDSA_nor_RSA()
    {
        using var dsa = DSA.Create(1024);
        var anchor = HandMadeCertificate.Issue(Root, "dsa-root", dsa.ExportSubjectPublicKeyInfo(), ca: true);
        Assert.Equal("key algorithm 1.2.840.10040.4.1 is not supported; supported algorithms are ECDSA (P-256) and RSA",
            LinkerdAlgorithms.AnchorProblem(anchor));
    }

    [Fact]
    public void Linkerd_refuses_an_RSA_anchor_of_3072_bits_naming_the_size()
    {
        var anchor = Pki.Odd(null, "rsa-odd", key: "rsa3072", pathLength: 1).Certificate;
        Assert.Equal("RSA key size must be 2048 or 4096 bits, not 3072", LinkerdAlgorithms.AnchorProblem(anchor));
    }

    /// <summary><paramref name="der"/> with its signature BIT STRING replaced by <paramref name="signature"/>.</summary>
    private static CertificateInfo WithSignature(ReadOnlyMemory<byte> der, byte[] signature)
    {
        var certificate = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = certificate.ReadEncodedValue();
        var algorithm = certificate.ReadEncodedValue();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(tbs.Span);
            writer.WriteEncodedValue(algorithm.Span);
            writer.WriteBitString(signature);
        }
        return CertificateInfo.Parse(writer.Encode());
    }

    [Theory]
    [InlineData("p256", new byte[] { 0x02, 0x01, 0x01 })] // not a DER SEQUENCE of two integers
    [InlineData("p256", new byte[] { 0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 })] // r = s = 0
    [InlineData("rsa2048", new byte[] { 0x01 })] // far shorter than the modulus
    public void A_signature_that_is_not_a_signature_verifies_nothing(string parentKey, byte[] signature)
    {
        var parent = Pki.Odd(null, "parent", key: parentKey, pathLength: 1);
        var child = Pki.Odd(parent, "child");
        Assert.True(SignatureCheck.IsSignedBy(child.Certificate, parent.Certificate));
        var broken = WithSignature(child.Certificate.Der, signature);
        Assert.False(SignatureCheck.IsSignedBy(broken, parent.Certificate));
        Assert.Equal("the signature of 'CN=child' does not verify with the key of 'CN=parent'",
            ChainVerifier.Verify(broken, [], new CertificatePool([parent.Certificate]), Pki.Now, KeyPurpose.Any).Failure);
    }

    [Fact]
    public void A_missing_parent_is_named_as_the_parent()
    {
        var child = Pki.Issuer(Root).Certificate;
        Assert.Equal("parent", Assert.Throws<ArgumentNullException>(() => SignatureCheck.IsSignedBy(child, null!)).ParamName);
        Assert.Equal("child", Assert.Throws<ArgumentNullException>(() => SignatureCheck.IsSignedBy(null!, child)).ParamName);
    }

    [Fact]
    public void The_name_rule_checks_its_arguments_even_for_a_CA_without_constraints()
    {
        var unconstrained = Root.Certificate;
        Assert.Null(unconstrained.NameConstraints);
        Assert.Equal("ca", Assert.Throws<ArgumentNullException>(() => SigningAuthority.CheckNames(null!, [unconstrained])).ParamName);
        Assert.Equal("below", Assert.Throws<ArgumentNullException>(() => SigningAuthority.CheckNames(unconstrained, null!)).ParamName);
    }

    [Fact]
    public void A_name_the_constraints_forbid_comes_with_the_remedy_to_use_permitted_names()
    {
        var anchor = Pki.Odd(null, "root", r => r.CertificateExtensions.Add(NameConstraintsExtension.PermitDns(false, "example.com")), pathLength: 1);
        var leaf = Pki.Odd(anchor, "leaf", r => r.CertificateExtensions.Add(HandMadeCertificate.SubjectAltName((2, "evil.org"))), ca: false);
        var finding = SigningAuthority.CheckNames(anchor.Certificate, [leaf.Certificate]);
        Assert.NotNull(finding);
        Assert.Equal(FindingIds.CaNameConstraints, finding.Id);
        Assert.Equal("'CN=root' is not authorized to sign for this name: DNS name 'evil.org' is not permitted by any constraint (permitted: 'example.com')", finding.Message);
        Assert.Equal(new Remedy(RemedyAction.UseSigningCa, "use names the CA's nameConstraints permit, or a CA whose constraints allow them"), finding.Remedy);
    }
}
