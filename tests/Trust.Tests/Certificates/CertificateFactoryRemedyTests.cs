using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Tests.Support;
using Trust.Time;

namespace Trust.Tests.Certificates;

/// <summary>
/// What the factory says when it refuses (ids, messages and the advice of each remedy), and the parts of the
/// certificates it writes that other tests leave unchecked: the leaf's extensions, the key usage bits, the clamp over a
/// chain whose CAs start at different times.
/// </summary>
public class CertificateFactoryRemedyTests
{
    private static readonly DateTimeOffset Now = Pki.Now;
    private static readonly CertificateFactory Factory = new();
    private static readonly Lazy<Issued> SharedAnchor = new(() => Pki.Anchor());
    private static readonly Lazy<Issued> SharedIssuer = new(() => Pki.Issuer(SharedAnchor.Value));

    private static Finding Refused(Action create) => Assert.Throws<TrustInputException>(create).Finding;

    private static IssuedCertificate Leaf(LeafProfile profile, IReadOnlyList<CertificateInfo>? chain = null, SigningKey? signer = null)
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        return Factory.CreateLeaf(profile, key.SubjectPublicKeyInfo.Span, chain ?? [SharedIssuer.Value.Certificate], signer ?? SharedIssuer.Value.Key, Now);
    }

    private static IssuedCertificate Issuer(IssuerProfile profile, IReadOnlyList<CertificateInfo>? chain = null, SigningKey? signer = null)
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        return Factory.CreateIssuer(profile, key.SubjectPublicKeyInfo.Span, chain ?? [SharedAnchor.Value.Certificate], signer ?? SharedAnchor.Value.Key, Now);
    }

    [Fact]
    public void Each_refusal_carries_its_advice()
    {
        using var rsa = SigningKey.Generate(KeyAlgorithm.Rsa2048);
        var anchor = SharedAnchor.Value;
        var issuer = SharedIssuer.Value;

        var rsaIssuer = Refused(() => Factory.CreateIssuer(new IssuerProfile(), rsa.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, Now));
        Assert.Equal(new Remedy(RemedyAction.UseSupportedAlgorithm, "give the issuer an ECDSA P-256 key"), rsaIssuer.Remedy);

        var sameSubject = Refused(() => Issuer(new IssuerProfile { Subject = "root.linkerd.cluster.local" }));
        Assert.Equal(new Remedy(RemedyAction.UseDistinctSubject, "give the issuer a subject distinct from its anchor's"), sameSubject.Remedy);

        var noName = Refused(() => Leaf(new LeafProfile { DnsNames = [] }));
        Assert.Equal(new Remedy(RemedyAction.FixInput, "give the workload's DNS name"), noName.Remedy);

        var rsaLeaf = Refused(() => Factory.CreateLeaf(new LeafProfile { DnsNames = ["a.example"] }, rsa.SubjectPublicKeyInfo.Span,
            [issuer.Certificate], issuer.Key, Now));
        Assert.Equal(FindingIds.KeyAlgorithmUnsupported, rsaLeaf.Id);
        Assert.Equal(new Remedy(RemedyAction.UseSupportedAlgorithm, "give the workload an ECDSA P-256 key"), rsaLeaf.Remedy);

        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var negative = Refused(() => Factory.CreateAnchor(new AnchorProfile { PathLength = -1 }, key, Now));
        Assert.Equal(new Remedy(RemedyAction.FixPathLength, "use a path length of 0 or more, or none"), negative.Remedy);

        var mismatch = CertificateFactory.CheckSigner([anchor.Certificate], key, signsCertificateAuthority: true, Now)!;
        Assert.Equal(new Remedy(RemedyAction.ProvideMatchingKey, "give the private key that belongs to the CA certificate"), mismatch.Remedy);

        var empty = Refused(() => Factory.CreateAnchor(new AnchorProfile { NotBefore = ValidityTime.At(Now), NotAfter = ValidityTime.At(Now.AddSeconds(-1)) }, key, Now));
        Assert.Equal(FindingIds.ValidityInvalid, empty.Id);
        Assert.Equal("NotAfter 2026-11-21T11:59:59Z is not after NotBefore 2026-11-21T12:00:00Z", empty.Message);
        Assert.Equal(new Remedy(RemedyAction.FixValidity, "choose a NotAfter later than NotBefore, inside the signer's validity"), empty.Remedy);
    }

    [Fact]
    public void A_lifetime_that_is_not_positive_names_what_it_was_for()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var zero = ValidityTime.After(TimeSpan.Zero);
        var anchor = Refused(() => Factory.CreateAnchor(new AnchorProfile { NotAfter = zero }, key, Now));
        Assert.StartsWith("the anchor lifetime must be positive, not ", anchor.Message);
        Assert.Equal("give the anchor a positive lifetime", anchor.Remedy!.Advice);
        var issuer = Refused(() => Issuer(new IssuerProfile { NotAfter = zero }));
        Assert.StartsWith("the issuer lifetime must be positive, not ", issuer.Message);
        Assert.Equal("give the issuer a positive lifetime", issuer.Remedy!.Advice);
        var leaf = Refused(() => Leaf(new LeafProfile { DnsNames = ["a.example"], NotAfter = zero }));
        Assert.StartsWith("the leaf lifetime must be positive, not ", leaf.Message);
        Assert.Equal("give the leaf a positive lifetime", leaf.Remedy!.Advice);
    }

    [Fact]
    public void An_empty_signer_chain_is_a_programmer_mistake_that_says_so()
    {
        var e = Assert.Throws<ArgumentException>(() => CertificateFactory.CheckSigner([], SharedAnchor.Value.Key, true, Now));
        Assert.StartsWith("the signer chain is empty", e.Message);
        Assert.Equal("signerChain", e.ParamName);
    }

    [Fact]
    public void An_anchor_with_path_length_0_may_sign_leaves_but_not_an_issuer()
    {
        var anchor = Pki.Anchor(pathLength: 0);
        var e = Refused(() => Issuer(new IssuerProfile(), [anchor.Certificate], anchor.Key));
        Assert.Equal(FindingIds.CaPathLength, e.Id);
        Assert.Equal(["a.example"], Leaf(new LeafProfile { DnsNames = ["a.example"] }, [anchor.Certificate], anchor.Key).Certificate.DnsNames);
    }

    [Fact]
    public void An_IP_address_is_not_a_DNS_name()
    {
        foreach (var ip in new[] { "10.0.0.1", "::1" })
        {
            var e = Refused(() => Leaf(new LeafProfile { DnsNames = [ip] }));
            Assert.Equal(FindingIds.DnsNameInvalid, e.Id);
            Assert.Equal($"'{ip}' is an IP address, not a DNS name; Linkerd identities are DNS names", e.Message);
        }
    }

    [Fact]
    public void A_leaf_has_its_own_key_id_and_non_critical_names()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var leaf = Factory.CreateLeaf(new LeafProfile { DnsNames = ["a.example"] }, key.SubjectPublicKeyInfo.Span,
            [SharedIssuer.Value.Certificate], SharedIssuer.Value.Key, Now).Certificate;
        Assert.Equal(PublicKeyInfo.KeyIdentifier(key.SubjectPublicKeyInfo), leaf.SubjectKeyId!.Value.ToArray());
        Assert.Contains((Oids.SubjectAltName, false), leaf.Extensions);
        Assert.False(leaf.IsCritical(Oids.SubjectAltName));
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], leaf.ExtendedKeyUsage);
        Assert.Equal(["serverAuth", "clientAuth"], leaf.ExtendedKeyUsageNames);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, leaf.KeyUsage);
    }

    [Fact]
    public void A_leaf_keeps_a_NotBefore_it_is_given()
    {
        var leaf = Leaf(new LeafProfile { DnsNames = ["a.example"], NotBefore = ValidityTime.At(Now.AddMinutes(5)) });
        Assert.Equal(Now.AddMinutes(5), leaf.Certificate.NotBefore);
        Assert.Empty(leaf.Notes);
        Assert.Equal(Now.AddSeconds(-20), Leaf(new LeafProfile { DnsNames = ["a.example"] }).Certificate.NotBefore);
    }

    [Fact]
    public void A_leaf_whose_window_is_empty_is_refused()
    {
        var e = Refused(() => Leaf(new LeafProfile { DnsNames = ["a.example"], NotBefore = ValidityTime.At(Now), NotAfter = ValidityTime.At(Now) }));
        Assert.Equal(FindingIds.ValidityInvalid, e.Id);
        Assert.Equal("NotAfter 2026-11-21T12:00:00Z is not after NotBefore 2026-11-21T12:00:00Z", e.Message);
    }

    /// <summary>The DER of the keyUsage extension value (a BIT STRING), as written.</summary>
    private static string KeyUsageDer(CertificateInfo c)
    {
        using var platform = c.ToX509Certificate2();
        return Convert.ToHexStringLower(platform.Extensions[Oids.KeyUsage]!.RawData);
    }

    [Fact]
    public void Key_usage_is_written_in_DER_without_trailing_zero_bits()
    {
        // keyCertSign + cRLSign = 00000110: one unused bit. digitalSignature + keyEncipherment = 10100000: five.
        Assert.Equal("03020106", KeyUsageDer(SharedAnchor.Value.Certificate));
        Assert.Equal("03020106", KeyUsageDer(SharedIssuer.Value.Certificate));
        Assert.Equal("030205a0", KeyUsageDer(Leaf(new LeafProfile { DnsNames = ["a.example"] }).Certificate));
    }

    [Fact]
    public void The_authority_key_id_is_the_signers_own_subject_key_id_however_it_was_computed()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ca = new RawCertificate
        {
            Subject = "CN=ca", SubjectKey = caKey, NotBefore = Now.AddDays(-1), NotAfter = Now.AddDays(10),
            Extensions = [RawCertificate.BasicConstraints(true, 1), RawCertificate.KeyUsage(X509KeyUsageFlags.KeyCertSign),
                ("2.5.29.14", false, [0x04, 0x04, 0xde, 0xad, 0xbe, 0xef])],
        }.Build();
        using var signing = SigningKey.FromEcdsa(caKey);
        var issuer = Issuer(new IssuerProfile(), [ca], signing).Certificate;
        Assert.Equal([0xde, 0xad, 0xbe, 0xef], issuer.AuthorityKeyId!.Value.ToArray());
        var leaf = Leaf(new LeafProfile { DnsNames = ["a.example"] }, [ca], signing).Certificate;
        Assert.Equal([0xde, 0xad, 0xbe, 0xef], leaf.AuthorityKeyId!.Value.ToArray());
    }

    [Fact]
    public void An_intermediate_whose_names_the_anchor_forbids_cannot_sign_under_it()
    {
        var anchor = Pki.Odd(null, "root", r => r.CertificateExtensions.Add(NameConstraintsExtension.PermitDns(false, "example.com")), pathLength: 1);
        var intermediate = Pki.Odd(anchor, "issuer", r =>
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("evil.org");
            r.CertificateExtensions.Add(san.Build());
        });
        var e = Refused(() => Leaf(new LeafProfile { DnsNames = ["web.example.com"] }, [intermediate.Certificate, anchor.Certificate], intermediate.Key));
        Assert.Equal(FindingIds.CaNameConstraints, e.Id);
        Assert.Contains("'evil.org'", e.Message);
        var clean = Pki.Odd(anchor, "clean");
        Assert.Equal(["web.example.com"],
            Leaf(new LeafProfile { DnsNames = ["web.example.com"] }, [clean.Certificate, anchor.Certificate], clean.Key).Certificate.DnsNames);
    }

    [Fact]
    public void The_NotBefore_clamp_takes_the_latest_start_in_the_chain_and_the_first_of_equal_ones()
    {
        // An intermediate that starts before its anchor: the leaf may not start before the anchor either.
        var anchor = Pki.Odd(null, "root", notBefore: Now.AddHours(-1), pathLength: 1);
        var early = Pki.Odd(anchor, "early", notBefore: Now.AddHours(-2));
        var leaf = Leaf(new LeafProfile { DnsNames = ["a.example"], NotBefore = ValidityTime.At(Now.AddHours(-3)) },
            [early.Certificate, anchor.Certificate], early.Key);
        Assert.Equal(Now.AddHours(-1), leaf.Certificate.NotBefore);
        Assert.Equal($"leaf NotBefore moved from {Rfc3339.Format(Now.AddHours(-3))} to {Rfc3339.Format(Now.AddHours(-1))}, the NotBefore of 'CN=root'",
            Assert.Single(leaf.Notes));

        var same = Pki.Odd(anchor, "same", notBefore: Now.AddHours(-1));
        var tied = Leaf(new LeafProfile { DnsNames = ["a.example"], NotBefore = ValidityTime.At(Now.AddHours(-3)) },
            [same.Certificate, anchor.Certificate], same.Key);
        Assert.EndsWith("the NotBefore of 'CN=same'", Assert.Single(tied.Notes));
    }

    [Fact]
    public void An_issuer_under_a_chain_that_stops_below_the_anchor_gets_no_anchor_warning()
    {
        // A P-384 intermediate: Linkerd would refuse it as an anchor, but here it is not one (not self-issued).
        var root = Pki.Odd(null, "root", pathLength: 2);
        var mid = Pki.Odd(root, "mid", key: "p384", pathLength: 1);
        var issued = Issuer(new IssuerProfile(), [mid.Certificate], mid.Key);
        Assert.DoesNotContain(issued.Warnings, w => w.StartsWith("Linkerd will refuse the trust anchor", StringComparison.Ordinal));
        // The same key as a self-signed anchor does get the warning.
        var p384Root = Pki.Odd(null, "p384-root", key: "p384", pathLength: 1);
        var underRoot = Issuer(new IssuerProfile(), [p384Root.Certificate], p384Root.Key);
        Assert.Contains(underRoot.Warnings, w => w.StartsWith("Linkerd will refuse the trust anchor 'CN=p384-root'", StringComparison.Ordinal));
    }
}
