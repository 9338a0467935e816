using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

/// <summary>
/// Which reason a failed chain search gives (the furthest attempt, then the most telling kind of failure, then the
/// first candidate tried), and the exact wording of each signature failure.
/// </summary>
public sealed class ChainVerifierMutationTests : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _rootKey.Dispose();
        _otherKey.Dispose();
        _issuerKey.Dispose();
        _leafKey.Dispose();
    }

    private static ChainResult Verify(CertificateInfo cert, IEnumerable<CertificateInfo> intermediates, IEnumerable<CertificateInfo> anchors) =>
        ChainVerifier.Verify(cert, intermediates, new CertificatePool(anchors), Pki.Now, KeyPurpose.Any);

    private static readonly (string, bool, byte[]) Ca = RawCertificate.BasicConstraints(true);

    /// <summary>A self-signed CA named CN=root with <paramref name="key"/>, without subjectKeyIdentifier.</summary>
    private static CertificateInfo Root(ECDsa key, params (string, bool, byte[])[] more) =>
        new RawCertificate { Subject = "CN=root", SubjectKey = key, Extensions = [Ca, .. more] }.Build();

    /// <summary>CN=issuer, a CA signed by the root key, without authorityKeyIdentifier (so parents come in pool order).</summary>
    private CertificateInfo Issuer(string? inner = null, string? outer = null) =>
        new RawCertificate
        {
            Subject = "CN=issuer", Issuer = "CN=root", SubjectKey = _issuerKey, SignerKey = _rootKey, Extensions = [Ca],
            InnerAlgorithm = inner, OuterAlgorithm = outer,
        }.Build();

    [Fact]
    public void An_unknown_authority_above_an_intermediate_names_the_certificate_that_does_not_chain()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var leaf = Pki.Leaf(issuer).Certificate;
        var result = Verify(leaf, [issuer.Certificate], [Pki.Anchor(subject: "stranger").Certificate]);
        Assert.Equal("'CN=identity.linkerd.cluster.local' is signed by an unknown authority 'CN=root.linkerd.cluster.local' "
                     + $"(no anchor or other intermediate with that subject), so '{leaf.Subject}' does not chain to an anchor", result.Failure);
    }

    [Fact]
    public void A_certificate_for_other_names_fails_listing_every_name_it_has()
    {
        var anchor = Pki.Anchor();
        var leaf = Pki.Odd(anchor, "leaf", r => r.CertificateExtensions.Add(HandMadeCertificate.SubjectAltName((2, "a.example.com"), (2, "b.example.com"))), ca: false);
        var result = ChainVerifier.Verify(leaf.Certificate, [], new CertificatePool([anchor.Certificate]), Pki.Now, KeyPurpose.Server, "c.example.com");
        Assert.False(result.IsValid);
        Assert.Equal("'CN=leaf' is not valid for c.example.com; its DNS names are [a.example.com, b.example.com]", result.Failure);
    }

    [Fact]
    public void Two_intermediates_that_sign_each_other_end_the_search_instead_of_going_round()
    {
        using var aKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var bKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var a = new RawCertificate { Subject = "CN=a", Issuer = "CN=b", SubjectKey = aKey, SignerKey = bKey, Extensions = [Ca] }.Build();
        var b = new RawCertificate { Subject = "CN=b", Issuer = "CN=a", SubjectKey = bKey, SignerKey = aKey, Extensions = [Ca] }.Build();
        var leaf = new RawCertificate { Subject = "CN=leaf", Issuer = "CN=a", SubjectKey = _leafKey, SignerKey = aKey }.Build();
        var result = Verify(leaf, [a, b], [Root(_rootKey)]);
        Assert.False(result.IsValid);
        // Not "chain is too long": b's parent a is already in the chain, so there is no further candidate.
        Assert.Equal("'CN=b' is signed by an unknown authority 'CN=a' (no anchor or other intermediate with that subject), so 'CN=leaf' does not chain to an anchor",
            result.Failure);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void At_the_same_depth_a_signer_that_breaks_a_rule_is_reported_over_a_candidate_whose_signature_fails(bool impostorFirst)
    {
        var impostor = Root(_otherKey);
        var signer = Root(_rootKey, RawCertificate.KeyUsage(X509KeyUsageFlags.DigitalSignature));
        CertificateInfo[] anchors = impostorFirst ? [impostor, signer] : [signer, impostor];
        var result = Verify(Issuer(), [], anchors);
        Assert.Equal("'CN=root' lacks keyUsage keyCertSign and cannot sign certificates", result.Failure);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Between_two_signers_that_break_a_rule_the_first_one_tried_is_reported(bool noBitsFirst)
    {
        var noBits = Root(_rootKey, RawCertificate.KeyUsage(X509KeyUsageFlags.None));
        var unknownCritical = Root(_rootKey, ("1.2.3.4", true, [0x05, 0x00]));
        CertificateInfo[] anchors = noBitsFirst ? [noBits, unknownCritical] : [unknownCritical, noBits];
        var result = Verify(Issuer(), [], anchors);
        Assert.Equal(noBitsFirst
            ? "'CN=root' has a keyUsage extension with no bits set (so no keyCertSign) and cannot sign certificates"
            : "'CN=root' has an unhandled critical extension 1.2.3.4", result.Failure);
    }

    [Fact]
    public void A_signer_that_is_not_a_CA_is_reported_as_such_before_its_unsupported_key()
    {
        var anchor = Pki.Anchor();
        var p192 = Pki.Odd(anchor, "issuer", key: "p192", ca: false);
        var leaf = Pki.Odd(p192, "leaf", ca: false);
        var result = Verify(leaf.Certificate, [p192.Certificate], [anchor.Certificate]);
        Assert.Equal("'CN=issuer' is not a CA (basicConstraints CA:TRUE missing) and cannot sign certificates", result.Failure);
    }

    [Fact]
    public void A_CA_whose_key_is_unsupported_cannot_sign_though_its_signature_verifies()
    {
        var anchor = Pki.Anchor();
        var p192 = Pki.Odd(anchor, "issuer", key: "p192");
        var leaf = Pki.Odd(p192, "leaf", ca: false);
        Assert.True(SignatureCheck.IsSignedBy(leaf.Certificate, p192.Certificate));
        var result = Verify(leaf.Certificate, [p192.Certificate], [anchor.Certificate]);
        Assert.Equal("'CN=issuer' has an ECDSA key on P-192 (1.2.840.10045.3.1.1); supported curves are P-224, P-256, P-384 and P-521", result.Failure);
    }

    [Fact]
    public void An_unsupported_key_is_reported_before_the_names_its_constraints_forbid()
    {
        var anchor = Pki.Anchor();
        var p192 = Pki.Odd(anchor, "issuer", r => r.CertificateExtensions.Add(NameConstraintsExtension.PermitDns(false, "example.com")), key: "p192");
        var leaf = Pki.Odd(p192, "leaf", r => r.CertificateExtensions.Add(HandMadeCertificate.SubjectAltName((2, "evil.org"))), ca: false);
        Assert.NotNull(SigningAuthority.CheckNames(p192.Certificate, [leaf.Certificate]));
        var result = Verify(leaf.Certificate, [p192.Certificate], [anchor.Certificate]);
        Assert.Equal("'CN=issuer' has an ECDSA key on P-192 (1.2.840.10045.3.1.1); supported curves are P-224, P-256, P-384 and P-521", result.Failure);
    }

    [Fact]
    public void A_signature_under_two_different_algorithm_names_is_named_as_such()
    {
        var result = Verify(Issuer(outer: "1.2.840.10045.4.3.3"), [], [Root(_rootKey)]);
        Assert.Equal("'CN=issuer' names different signature algorithms inside and outside its signed part", result.Failure);
    }

    [Fact]
    public void A_signature_algorithm_we_do_not_verify_is_named()
    {
        var result = Verify(Issuer(inner: "1.2.840.10045.4.1"), [], [Root(_rootKey)]);
        Assert.Equal("'CN=issuer' is signed with ECDSA-SHA1, which is not supported (ECDSA or PKCS#1 RSA with SHA-256, SHA-384 or SHA-512 are)", result.Failure);
    }

    [Fact]
    public void A_signature_that_cannot_be_checked_because_of_the_parents_key_says_why()
    {
        var issuer = Pki.Odd(Pki.Odd(null, "root", pathLength: 1), "identity").Certificate;
        var p192Impostor = Pki.Odd(null, "root", key: "p192", pathLength: 1).Certificate;
        var result = Verify(issuer, [], [p192Impostor]);
        Assert.Equal("the signature of 'CN=identity' cannot be checked: "
                     + "'CN=root' has an ECDSA key on P-192 (1.2.840.10045.3.1.1); supported curves are P-224, P-256, P-384 and P-521",
            result.Failure);
    }
}
