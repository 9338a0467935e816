using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Tests.Support;
using Trust.Time;

namespace Trust.Tests.Certificates;

public class CertificateFactoryEdgeTests
{
    private static readonly DateTimeOffset Now = Pki.Now;
    private static readonly CertificateFactory Factory = new();

    private static readonly Lazy<Issued> SharedAnchor = new(() => Pki.Anchor());

    private static TrustInputException Refused(Action create) => Assert.Throws<TrustInputException>(create);

    [Fact]
    public void A_negative_path_length_is_refused_for_anchors_and_issuers()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var e = Refused(() => Factory.CreateAnchor(new AnchorProfile { PathLength = -1 }, key, Now));
        Assert.Equal(FindingIds.PathLengthInvalid, e.Finding.Id);
        Assert.Equal("path length must be 0 or more, not -1", e.Finding.Message);
        Assert.Equal(RemedyAction.FixPathLength, e.Finding.Remedy!.Action);
        Assert.Equal(FindingIds.PathLengthInvalid, Refused(() => Pki.Issuer(SharedAnchor.Value, pathLength: -1)).Finding.Id);
        Assert.Null(Factory.CreateAnchor(new AnchorProfile { PathLength = null }, key, Now).Certificate.PathLength);
        Assert.Equal(0, Factory.CreateAnchor(new AnchorProfile { PathLength = 0 }, key, Now).Certificate.PathLength);
    }

    [Fact]
    public void An_issuer_path_length_must_leave_room_under_its_CA()
    {
        var anchor = Pki.Anchor(pathLength: 2);
        Assert.Equal(1, Pki.Issuer(anchor, pathLength: 1).Certificate.PathLength);
        var e = Refused(() => Pki.Issuer(anchor, pathLength: 2));
        Assert.Equal("path length 2 is too large: the CA's pathlen 2 allows at most 1 below it", e.Finding.Message);
        Assert.Equal("use a path length of at most 1", e.Finding.Remedy!.Advice);
        Assert.Null(Pki.Issuer(anchor, pathLength: null).Certificate.PathLength);
        Assert.Equal(5, Pki.Issuer(Pki.Anchor(pathLength: null), pathLength: 5).Certificate.PathLength);
    }

    [Fact]
    public void Refusals_say_what_and_why()
    {
        var anchor = SharedAnchor.Value;
        var same = Refused(() => Pki.Issuer(anchor, subject: "root.linkerd.cluster.local"));
        Assert.Equal(FindingIds.SubjectSameAsCa, same.Finding.Id);
        Assert.Equal("the issuer subject 'CN=root.linkerd.cluster.local' equals its CA's subject; use a distinct name (linkerd2#5350)", same.Finding.Message);
        Assert.Equal(RemedyAction.UseDistinctSubject, same.Finding.Remedy!.Action);

        using var rsa = SigningKey.Generate(KeyAlgorithm.Rsa2048);
        var rsaIssuer = Refused(() => Factory.CreateIssuer(new IssuerProfile(), rsa.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, Now));
        Assert.Equal(FindingIds.KeyAlgorithmUnsupported, rsaIssuer.Finding.Id);
        Assert.Equal("an identity issuer key must be ECDSA (Linkerd's issuer accepts P-256 only), not RSA 2048", rsaIssuer.Finding.Message);
        Assert.Equal(RemedyAction.UseSupportedAlgorithm, rsaIssuer.Finding.Remedy!.Action);

        var issuer = Pki.Issuer(anchor);
        var rsaLeaf = Refused(() => Factory.CreateLeaf(new LeafProfile { DnsNames = ["a"] }, rsa.SubjectPublicKeyInfo.Span, [issuer.Certificate], issuer.Key, Now));
        Assert.Equal("a workload key must be ECDSA, not RSA 2048", rsaLeaf.Finding.Message);

        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var noName = Refused(() => Factory.CreateLeaf(new LeafProfile { DnsNames = [] }, key.SubjectPublicKeyInfo.Span, [issuer.Certificate], issuer.Key, Now));
        Assert.Equal(FindingIds.DnsNameInvalid, noName.Finding.Id);
        Assert.Equal("a leaf certificate needs at least one DNS name", noName.Finding.Message);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("web example")]
    [InlineData("wéb.example")]
    public void A_DNS_name_that_is_not_ASCII_without_spaces_is_refused(string name)
    {
        var issuer = Pki.Issuer(SharedAnchor.Value);
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var e = Refused(() => Factory.CreateLeaf(new LeafProfile { DnsNames = ["ok.example", name], Subject = "leaf" }, key.SubjectPublicKeyInfo.Span,
            [issuer.Certificate], issuer.Key, Now));
        Assert.Equal(FindingIds.DnsNameInvalid, e.Finding.Id);
        Assert.Equal($"'{name}' is not a DNS name (ASCII only; use punycode for international names)", e.Finding.Message);
    }

    [Fact]
    public void DNS_names_are_trimmed_and_an_issuer_may_carry_them()
    {
        var anchor = SharedAnchor.Value;
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var issuer = Factory.CreateIssuer(new IssuerProfile { DnsNames = [" identity.example "] }, key.SubjectPublicKeyInfo.Span,
            [anchor.Certificate], anchor.Key, Now).Certificate;
        Assert.Equal(["identity.example"], issuer.DnsNames);
        Assert.False(issuer.IsCritical(Oids.SubjectAltName));
        Assert.Empty(Pki.Issuer(anchor).Certificate.DnsNames);
        Assert.DoesNotContain(Pki.Issuer(anchor).Certificate.Extensions, e => e.Oid == Oids.SubjectAltName);
    }

    [Fact]
    public void A_leaf_subject_defaults_to_its_first_DNS_name()
    {
        var issuer = Pki.Issuer(SharedAnchor.Value);
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var leaf = Factory.CreateLeaf(new LeafProfile { DnsNames = ["first.example", "second.example"] }, key.SubjectPublicKeyInfo.Span,
            [issuer.Certificate], issuer.Key, Now).Certificate;
        Assert.Equal("CN=first.example", leaf.Subject);
        Assert.Equal(["first.example", "second.example"], leaf.DnsNames);
        var named = Factory.CreateLeaf(new LeafProfile { DnsNames = ["a.example"], Subject = "workload" }, key.SubjectPublicKeyInfo.Span,
            [issuer.Certificate], issuer.Key, Now).Certificate;
        Assert.Equal("CN=workload", named.Subject);
        Assert.Equal(issuer.Certificate.SubjectKeyId!.Value.ToArray(), named.AuthorityKeyId!.Value.ToArray());
    }

    [Fact]
    public void Extensions_are_written_with_their_criticality()
    {
        var anchor = SharedAnchor.Value.Certificate;
        Assert.True(anchor.IsCritical(Oids.KeyUsage));
        Assert.True(anchor.BasicConstraintsCritical);
        Assert.False(anchor.IsCritical(Oids.SubjectKeyIdentifier));
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, anchor.KeyUsage);
        Assert.Null(anchor.AuthorityKeyId);
        var issuer = Pki.Issuer(SharedAnchor.Value).Certificate;
        Assert.False(issuer.IsCritical(Oids.AuthorityKeyIdentifier));
        Assert.Equal(anchor.SubjectKeyId!.Value.ToArray(), issuer.AuthorityKeyId!.Value.ToArray());
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, issuer.KeyUsage);
        Assert.Null(issuer.ExtendedKeyUsage);
        var leaf = Pki.Leaf(Pki.Issuer(SharedAnchor.Value)).Certificate;
        Assert.False(leaf.IsCritical(Oids.ExtendedKeyUsage));
        Assert.False(leaf.HasBasicConstraints);
        Assert.Null(leaf.PathLength);
        Assert.Equal(3, leaf.Version);
        Assert.Empty(leaf.UnhandledCriticalExtensions);
    }

    [Fact]
    public void A_signer_without_a_subject_key_id_gets_one_computed_for_the_authority_key_id()
    {
        using var caKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var ca = new RawCertificate { Subject = "CN=bare-ca", SubjectKey = caKey, NotBefore = Now.AddDays(-1), NotAfter = Now.AddDays(10),
            Extensions = [RawCertificate.BasicConstraints(true, 1)] }.Build();
        Assert.Null(ca.SubjectKeyId);
        using var caSigning = SigningKey.FromEcdsa(caKey);
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var issuer = Factory.CreateIssuer(new IssuerProfile(), key.SubjectPublicKeyInfo.Span, [ca], caSigning, Now).Certificate;
        Assert.Equal(PublicKeyInfo.KeyIdentifier(ca.SubjectPublicKeyInfo), issuer.AuthorityKeyId!.Value.ToArray());
        Assert.True(Trust.Validation.SignatureCheck.IsSignedBy(issuer, ca));
    }

    [Fact]
    public void A_NotBefore_before_the_signers_moves_to_it_with_a_note()
    {
        var anchor = Pki.Anchor(now: Now.AddDays(1));
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var issued = Factory.CreateIssuer(new IssuerProfile { NotBefore = ValidityTime.At(Now) }, key.SubjectPublicKeyInfo.Span,
            [anchor.Certificate], anchor.Key, Now.AddDays(1));
        Assert.Equal(anchor.Certificate.NotBefore, issued.Certificate.NotBefore);
        Assert.Equal($"issuer NotBefore moved from {Rfc3339.Format(Now)} to {Rfc3339.Format(anchor.Certificate.NotBefore)}, the NotBefore of 'CN=root.linkerd.cluster.local'",
            Assert.Single(issued.Notes));
    }

    [Fact]
    public void Equal_bounds_are_kept_without_a_note()
    {
        var anchor = SharedAnchor.Value;
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var issued = Factory.CreateIssuer(new IssuerProfile
        {
            NotBefore = ValidityTime.At(anchor.Certificate.NotBefore), NotAfter = ValidityTime.At(anchor.Certificate.NotAfter),
        }, key.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, Now);
        Assert.Empty(issued.Notes);
        Assert.Equal(anchor.Certificate.NotBefore, issued.Certificate.NotBefore);
        Assert.Equal(anchor.Certificate.NotAfter, issued.Certificate.NotAfter);
    }

    [Fact]
    public void A_leaf_is_clamped_to_the_first_of_the_earliest_ends_in_its_chain_with_a_note()
    {
        var anchor = Pki.Anchor(lifetime: TimeSpan.FromHours(5));
        var issuer = Pki.Issuer(anchor, lifetime: TimeSpan.FromHours(10));
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var leaf = Factory.CreateLeaf(new LeafProfile { DnsNames = ["a.example"] }, key.SubjectPublicKeyInfo.Span,
            [issuer.Certificate, anchor.Certificate], issuer.Key, Now);
        // The issuer was itself clamped to the anchor: both end together, and the note names the first of them.
        Assert.Equal(anchor.Certificate.NotAfter, issuer.Certificate.NotAfter);
        Assert.Equal(anchor.Certificate.NotAfter, leaf.Certificate.NotAfter);
        Assert.Equal($"leaf NotAfter clamped from {Rfc3339.Format(Now.AddHours(24))} to {Rfc3339.Format(anchor.Certificate.NotAfter)}, the NotAfter of 'CN=identity.linkerd.cluster.local'",
            Assert.Single(leaf.Notes));
    }

    [Fact]
    public void A_window_that_ends_before_or_when_it_starts_is_refused()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var e = Refused(() => Factory.CreateAnchor(new AnchorProfile { NotBefore = ValidityTime.At(Now), NotAfter = ValidityTime.At(Now) }, key, Now));
        Assert.Equal(FindingIds.ValidityInvalid, e.Finding.Id);
        Assert.Equal("NotAfter 2026-11-21T12:00:00Z is not after NotBefore 2026-11-21T12:00:00Z", e.Finding.Message);
        Assert.Equal(RemedyAction.FixValidity, e.Finding.Remedy!.Action);
        var oneSecond = Factory.CreateAnchor(new AnchorProfile { NotBefore = ValidityTime.At(Now), NotAfter = ValidityTime.At(Now.AddSeconds(1)) }, key, Now);
        Assert.Equal(TimeSpan.FromSeconds(1), oneSecond.Certificate.Lifetime);
        Assert.Equal(Now.AddMinutes(-1), Factory.CreateAnchor(new AnchorProfile(), key, Now).Certificate.NotBefore);
        Assert.Equal(Now.AddHours(-1), Factory.CreateAnchor(new AnchorProfile { Backdate = TimeSpan.FromHours(1) }, key, Now).Certificate.NotBefore);
    }

    [Fact]
    public void Times_are_truncated_to_the_second()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var anchor = Factory.CreateAnchor(new AnchorProfile { NotAfter = ValidityTime.At(Now.AddDays(1).AddMilliseconds(999)) }, key, Now.AddMilliseconds(500)).Certificate;
        Assert.Equal(Now.AddDays(1), anchor.NotAfter);
        Assert.Equal(Now.AddMinutes(-1), anchor.NotBefore);
    }

    [Theory]
    [InlineData(1949, 12, 31, true)]
    [InlineData(1950, 1, 1, false)]
    [InlineData(2049, 12, 31, false)]
    [InlineData(2050, 1, 1, true)]
    public void UTCTime_is_used_from_1950_up_to_2049_and_GeneralizedTime_outside(int year, int month, int day, bool generalized)
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var at = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        var anchor = Factory.CreateAnchor(new AnchorProfile { NotBefore = ValidityTime.At(at), NotAfter = ValidityTime.At(at.AddDays(1)) }, key, Now).Certificate;
        Assert.Equal(at, anchor.NotBefore);
        var tbs = new AsnReader(anchor.TbsDer, AsnEncodingRules.DER).ReadSequence();
        tbs.ReadEncodedValue(); // version
        tbs.ReadEncodedValue(); // serial
        tbs.ReadEncodedValue(); // algorithm
        tbs.ReadEncodedValue(); // issuer
        var validity = tbs.ReadSequence();
        Assert.Equal(generalized ? UniversalTagNumber.GeneralizedTime : UniversalTagNumber.UtcTime, (UniversalTagNumber)validity.PeekTag().TagValue);
    }

    [Fact]
    public void Leading_zero_bytes_of_a_serial_are_dropped()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var factory = new CertificateFactory(b => { b.Fill(0x42); b[0] = 0; b[1] = 0; });
        var anchor = factory.CreateAnchor(new AnchorProfile(), key, Now).Certificate;
        Assert.Equal(Enumerable.Repeat((byte)0x42, 14), anchor.SerialNumber.ToArray());
        Assert.Equal(16, CertificateFactory.SerialBytes);
    }

    [Fact]
    public void CheckSigner_reports_instead_of_throwing()
    {
        var anchor = SharedAnchor.Value;
        Assert.Null(CertificateFactory.CheckSigner([anchor.Certificate], anchor.Key, true, Now));
        using var other = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var mismatch = CertificateFactory.CheckSigner([anchor.Certificate], other, true, Now);
        Assert.Equal(FindingIds.KeyMismatch, mismatch!.Id);
        Assert.Equal("the CA key does not match the CA certificate 'CN=root.linkerd.cluster.local'", mismatch.Message);
        Assert.Equal(RemedyAction.ProvideMatchingKey, mismatch.Remedy!.Action);

        var leafSigner = Pki.Anchor(pathLength: 0);
        Assert.Null(CertificateFactory.CheckSigner([leafSigner.Certificate], leafSigner.Key, false, Now));
        Assert.Equal(FindingIds.CaPathLength, CertificateFactory.CheckSigner([leafSigner.Certificate], leafSigner.Key, true, Now)!.Id);

        // The anchor at the top of a chain counts the intermediates below it.
        var root = Pki.Anchor(pathLength: 1);
        var mid = Pki.Issuer(root, subject: "mid", pathLength: 0);
        Assert.Null(CertificateFactory.CheckSigner([mid.Certificate, root.Certificate], mid.Key, false, Now));
        Assert.Equal(FindingIds.CaPathLength, CertificateFactory.CheckSigner([mid.Certificate, root.Certificate], mid.Key, true, Now)!.Id);

        Assert.Throws<ArgumentNullException>(() => CertificateFactory.CheckSigner(null!, anchor.Key, true, Now));
        Assert.Throws<ArgumentNullException>(() => CertificateFactory.CheckSigner([anchor.Certificate], null!, true, Now));
        Assert.Equal("signerChain", Assert.Throws<ArgumentException>(() => CertificateFactory.CheckSigner([], anchor.Key, true, Now)).ParamName);
    }

    [Fact]
    public void A_v1_root_at_the_top_of_a_chain_is_an_anchor_and_may_sign()
    {
        using var rootKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var v1 = new RawCertificate { Version = 1, Subject = "CN=v1-root", SubjectKey = rootKey, NotBefore = Now.AddDays(-1), NotAfter = Now.AddDays(10) }.Build();
        using var signing = SigningKey.FromEcdsa(rootKey);
        Assert.Null(CertificateFactory.CheckSigner([v1], signing, true, Now));
        // Not self-issued: a v1 certificate there is an intermediate, and refused.
        var v1Intermediate = new RawCertificate { Version = 1, Subject = "CN=v1-mid", Issuer = "CN=elsewhere", SubjectKey = rootKey }.Build();
        Assert.Equal(FindingIds.CaNotCa, CertificateFactory.CheckSigner([v1Intermediate], signing, false, Now)!.Id);
    }

    [Fact]
    public void Null_arguments_are_programmer_mistakes()
    {
        var anchor = SharedAnchor.Value;
        Assert.Throws<ArgumentNullException>(() => Factory.CreateAnchor(null!, anchor.Key, Now));
        Assert.Throws<ArgumentNullException>(() => Factory.CreateAnchor(new AnchorProfile(), null!, Now));
        Assert.Throws<ArgumentNullException>(() => Factory.CreateIssuer(null!, anchor.Key.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, Now));
        Assert.Throws<ArgumentNullException>(() => Factory.CreateLeaf(null!, anchor.Key.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, Now));
    }
}
