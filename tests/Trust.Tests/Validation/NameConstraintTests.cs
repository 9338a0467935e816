using System.Net;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Findings;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

/// <summary>nameConstraints as Go's x509.Verify enforces them (tests/interop/x509diff compares with Go itself).</summary>
public class NameConstraintTests
{
    private static ChainResult Verify(Issued leaf, Issued issuer, Issued anchor, string? name = null) =>
        ChainVerifier.Verify(leaf.Certificate, [issuer.Certificate], new CertificatePool([anchor.Certificate]), Pki.Now, KeyPurpose.Any, name);

    private static Issued LeafWith(Issued issuer, Action<SubjectAlternativeNameBuilder> names, string subject = "leaf") =>
        Pki.Odd(issuer, subject, r =>
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            r.CertificateExtensions.Add(san.Build());
        }, ca: false);

    private static Issued Dns(Issued issuer, params string[] names) => LeafWith(issuer, b => { foreach (var n in names) b.AddDnsName(n); });

    private static (Issued Anchor, Issued Issuer) ConstrainedRoot(X509Extension constraints)
    {
        var anchor = Pki.Odd(null, "root", r => r.CertificateExtensions.Add(constraints), pathLength: 1);
        return (anchor, Pki.Odd(anchor, "issuer"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_root_permitted_only_example_com_cannot_vouch_for_evil_org_critical_or_not(bool critical)
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.PermitDns(critical, "example.com"));
        Assert.True(Verify(Dns(issuer, "web.example.com"), issuer, anchor, "web.example.com").IsValid);

        var evil = Verify(Dns(issuer, "evil.org"), issuer, anchor, "evil.org");
        Assert.False(evil.IsValid);
        Assert.Equal("'CN=root' is not authorized to sign for this name: DNS name 'evil.org' is not permitted by any constraint (permitted: 'example.com')", evil.Failure);
    }

    [Fact]
    public void A_constraint_on_the_issuer_binds_the_leaf_too()
    {
        var anchor = Pki.Odd(null, "root", pathLength: 1);
        var issuer = Pki.Odd(anchor, "issuer", r => r.CertificateExtensions.Add(NameConstraintsExtension.PermitDns(false, "example.com")));
        Assert.Contains("'CN=issuer' is not authorized", Verify(Dns(issuer, "evil.org"), issuer, anchor).Failure);
    }

    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("example.com", "a.b.example.com", true)]
    [InlineData("example.com", "notexample.com", false)]
    [InlineData("example.com", "EXAMPLE.com", true)]
    [InlineData(".example.com", "example.com", false)]
    [InlineData(".example.com", "a.example.com", true)]
    [InlineData("", "anything.test", true)]
    public void Dns_constraints_match_whole_labels_from_the_right(string constraint, string name, bool valid)
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.PermitDns(false, constraint));
        Assert.Equal(valid, Verify(Dns(issuer, name), issuer, anchor).IsValid);
    }

    [Fact]
    public void Every_name_must_be_permitted_and_none_excluded()
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.Create(false,
            permitted: [("dns", "example.com")], excluded: [("dns", "admin.example.com")]));
        Assert.False(Verify(Dns(issuer, "web.example.com", "evil.org"), issuer, anchor).IsValid);
        Assert.Contains("is excluded by constraint 'admin.example.com'", Verify(Dns(issuer, "x.admin.example.com"), issuer, anchor).Failure);
        // A wildcard that could stand for an excluded name is excluded, as in current Go.
        Assert.False(Verify(Dns(issuer, "*.example.com"), issuer, anchor).IsValid);
    }

    [Fact]
    public void The_common_name_is_not_a_name_under_constraints_as_in_go()
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.PermitDns(false, "example.com"));
        var noSans = Pki.Odd(issuer, "evil.org", ca: false);
        Assert.True(Verify(noSans, issuer, anchor).IsValid);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    public void Ip_constraints_compare_under_the_mask_and_never_across_families(string range, string address, bool valid)
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.Create(false, permitted: [("ip", range)]));
        Assert.Equal(valid, Verify(LeafWith(issuer, b => b.AddIpAddress(IPAddress.Parse(address))), issuer, anchor).IsValid);
    }

    [Theory]
    [InlineData("example.com", "user@example.com", true)]
    [InlineData("example.com", "user@mail.example.com", true)]
    [InlineData(".example.com", "user@example.com", false)]
    [InlineData("admin@example.com", "admin@EXAMPLE.COM", true)]
    [InlineData("admin@example.com", "Admin@example.com", false)]
    [InlineData("example.com", "not-an-address", false)]
    public void Email_constraints_are_mailboxes_or_domains(string constraint, string email, bool valid)
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.Create(false, permitted: [("email", constraint)]));
        Assert.Equal(valid, Verify(LeafWith(issuer, b => b.AddEmailAddress(email)), issuer, anchor).IsValid);
    }

    [Theory]
    [InlineData("cluster.local", "spiffe://cluster.local/ns/default/sa/web", true)]
    [InlineData("example.com", "https://api.example.com:8443/x", true)]
    [InlineData("example.com", "https://example.com@evil.org/", false)]
    [InlineData("example.com", "https://10.0.0.1/", false)]
    [InlineData("example.com", "urn:example:thing", false)]
    public void Uri_constraints_match_the_host(string constraint, string uri, bool valid)
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.Create(false, permitted: [("uri", constraint)]));
        Assert.Equal(valid, Verify(LeafWith(issuer, b => b.AddUri(new Uri(uri))), issuer, anchor).IsValid);
    }

    [Fact]
    public void A_critical_constraint_with_a_form_we_do_not_enforce_is_an_unhandled_critical_extension()
    {
        var dirName = new[] { ("dirname", "") };
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.Create(true, permitted: dirName));
        Assert.Equal(["2.5.29.30"], anchor.Certificate.UnhandledCriticalExtensions);
        Assert.Contains("unhandled critical extension 2.5.29.30", Verify(Dns(issuer, "web.example.com"), issuer, anchor).Failure);
        var (loose, looseIssuer) = ConstrainedRoot(NameConstraintsExtension.Create(false, permitted: dirName));
        Assert.True(Verify(Dns(looseIssuer, "web.example.com"), looseIssuer, loose).IsValid);
    }

    [Fact]
    public void A_critical_dns_constraint_is_handled_not_refused()
    {
        var (anchor, _) = ConstrainedRoot(NameConstraintsExtension.PermitDns(true, "example.com"));
        Assert.Empty(anchor.Certificate.UnhandledCriticalExtensions);
        Assert.Null(SigningAuthority.Check(anchor.Certificate, CaRole.Anchor, 1, Pki.Now));
    }

    [Fact]
    public void The_signing_rule_names_the_constraint_in_a_finding()
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.PermitDns(false, "example.com"));
        var leaf = Dns(issuer, "evil.org");
        var finding = SigningAuthority.CheckNames(anchor.Certificate, [leaf.Certificate, issuer.Certificate]);
        Assert.Equal(FindingIds.CaNameConstraints, finding?.Id);
        Assert.Null(SigningAuthority.CheckNames(anchor.Certificate, [Dns(issuer, "a.example.com").Certificate]));
    }

    [Fact]
    public void Malformed_constraints_make_the_certificate_unreadable_as_in_go()
    {
        foreach (var (value, expected) in new (string Hex, string Expected)[]
        {
            ("3000", "empty name constraints extension"),
            ("3002a000", "empty name constraints extension"),
            ("300ea00c300a87080a000000ff00ff00", "invalid mask"),
            ("300ba009300787050a000000ff", "of length 5"),
            ("3012a010300e820c6578616d706c652e2e636f6d", "invalid DNS name constraint 'example..com'"),
            ("300fa00d300b86093132372e302e302e31", "is an IP address"),
        })
        {
            var der = ExtensionCertificate.WithExtension("2.5.29.30", Convert.FromHexString(value));
            var error = Assert.Throws<TrustInputException>(() => CertificateInfo.Parse(der));
            Assert.Contains(expected, error.Message);
        }
    }

    [Fact]
    public void The_factory_refuses_to_sign_a_leaf_for_a_name_a_ca_above_may_not_vouch_for()
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.PermitDns(false, "example.com"));
        var key = Trust.Keys.SigningKey.Generate(Trust.Keys.KeyAlgorithm.EcdsaP256);
        var factory = new CertificateFactory();
        var error = Assert.Throws<TrustInputException>(() => factory.CreateLeaf(new LeafProfile { DnsNames = ["evil.org"] },
            key.SubjectPublicKeyInfo.Span, [issuer.Certificate, anchor.Certificate], issuer.Key, Pki.Now));
        Assert.Equal(FindingIds.CaNameConstraints, error.Finding.Id);
        var ok = factory.CreateLeaf(new LeafProfile { DnsNames = ["web.example.com"] },
            key.SubjectPublicKeyInfo.Span, [issuer.Certificate, anchor.Certificate], issuer.Key, Pki.Now).Certificate;
        Assert.True(Verify(new Issued(ok, key), issuer, anchor).IsValid);
    }
}
