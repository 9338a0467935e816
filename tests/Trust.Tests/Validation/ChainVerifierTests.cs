using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public class ChainVerifierTests
{
    private static readonly DateTimeOffset Now = Pki.Now;
    private const string Dns = "web.default.serviceaccount.identity.linkerd.cluster.local";

    private static ChainResult Verify(CertificateInfo cert, IEnumerable<CertificateInfo> intermediates, IEnumerable<CertificateInfo> anchors,
        KeyPurpose purpose = KeyPurpose.Server, string? name = null, DateTimeOffset? at = null) =>
        ChainVerifier.Verify(cert, intermediates, new CertificatePool(anchors), at ?? Now, purpose, name);

    [Fact]
    public void A_leaf_verifies_through_issuer_to_anchor_for_both_purposes_and_its_name()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var leaf = Pki.Leaf(issuer, chainAbove: anchor.Certificate).Certificate;
        foreach (var purpose in new[] { KeyPurpose.Server, KeyPurpose.Client, KeyPurpose.Any })
        {
            var result = Verify(leaf, [issuer.Certificate], [anchor.Certificate], purpose, Dns);
            Assert.True(result.IsValid, result.Failure);
            Assert.Equal([leaf, issuer.Certificate, anchor.Certificate], result.Chain);
        }
    }

    [Fact]
    public void The_right_anchor_is_found_among_many_with_the_same_subject()
    {
        var anchors = Enumerable.Range(0, 20).Select(_ => Pki.Anchor()).ToList();
        var issuer = Pki.Issuer(anchors[13]);
        var result = Verify(issuer.Certificate, [], anchors.Select(a => a.Certificate));
        Assert.True(result.IsValid, result.Failure);
        Assert.Same(anchors[13].Certificate, result.Chain[^1]);
    }

    [Fact]
    public void An_unknown_authority_fails()
    {
        var issuer = Pki.Issuer(Pki.Anchor());
        var other = Pki.Anchor(subject: "other");
        var result = Verify(issuer.Certificate, [], [other.Certificate]);
        Assert.False(result.IsValid);
        Assert.Contains("unknown authority", result.Failure);
    }

    [Fact]
    public void Same_subject_but_different_key_fails_on_the_signature()
    {
        var issuer = Pki.Issuer(Pki.Anchor());
        var impostor = Pki.Anchor();
        var result = Verify(issuer.Certificate, [], [impostor.Certificate]);
        Assert.False(result.IsValid);
        Assert.Contains("signature", result.Failure);
    }

    [Theory]
    [InlineData(-2, "not valid before")]
    [InlineData(400, "expired on")]
    public void Validity_is_checked_on_every_certificate(int days, string expected)
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var result = Verify(issuer.Certificate, [], [anchor.Certificate], at: Now.AddDays(days));
        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Failure);
    }

    [Fact]
    public void Validity_bounds_are_inclusive()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor).Certificate;
        Assert.True(Verify(issuer, [], [anchor.Certificate], at: issuer.NotAfter).IsValid);
        Assert.False(Verify(issuer, [], [anchor.Certificate], at: issuer.NotAfter.AddSeconds(1)).IsValid);
        Assert.True(Verify(issuer, [], [anchor.Certificate], at: issuer.NotBefore).IsValid);
    }

    [Fact]
    public void A_non_ca_cannot_sign()
    {
        var anchor = Pki.Anchor();
        var notCa = Pki.Odd(anchor, "not-a-ca", ca: false);
        var leaf = Pki.Odd(notCa, "leaf", ca: false);
        var result = Verify(leaf.Certificate, [notCa.Certificate], [anchor.Certificate]);
        Assert.False(result.IsValid);
        Assert.Contains("is not a CA", result.Failure);
    }

    [Fact]
    public void A_ca_whose_eku_omits_server_auth_fails_for_server_use_as_go_does()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Odd(anchor, "identity", r => r.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(Oids.ClientAuth) }, false)));
        var server = Verify(issuer.Certificate, [], [anchor.Certificate], KeyPurpose.Server);
        Assert.False(server.IsValid);
        Assert.Contains("incompatible key usage", server.Failure);
        Assert.True(Verify(issuer.Certificate, [], [anchor.Certificate], KeyPurpose.Client).IsValid);
        Assert.True(Verify(issuer.Certificate, [], [anchor.Certificate], KeyPurpose.Any).IsValid);
    }

    [Fact]
    public void Pathlen_limits_the_intermediates_below_a_ca()
    {
        var anchor = Pki.Anchor(pathLength: 1);
        var issuer = Pki.Odd(anchor, "issuer", pathLength: 1);
        var sub = Pki.Odd(issuer, "sub", pathLength: 0);
        var leaf = Pki.Odd(sub, "leaf", ca: false);
        var result = Verify(leaf.Certificate, [issuer.Certificate, sub.Certificate], [anchor.Certificate], KeyPurpose.Any);
        Assert.False(result.IsValid);
        Assert.Contains("pathlen 1", result.Failure);
        var loose = Pki.Anchor(pathLength: null);
        var issuer2 = Pki.Odd(loose, "issuer", pathLength: 1);
        var sub2 = Pki.Odd(issuer2, "sub", pathLength: 0);
        var leaf2 = Pki.Odd(sub2, "leaf", ca: false);
        Assert.True(Verify(leaf2.Certificate, [issuer2.Certificate, sub2.Certificate], [loose.Certificate], KeyPurpose.Any).IsValid);
    }

    [Fact]
    public void Names_match_exactly_or_by_one_label_wildcard()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var leaf = Pki.Leaf(issuer, "*.example.com").Certificate;
        Assert.True(ChainVerifier.MatchesName(leaf, "a.example.com"));
        Assert.True(ChainVerifier.MatchesName(leaf, "A.Example.COM."));
        Assert.False(ChainVerifier.MatchesName(leaf, "a.b.example.com"));
        Assert.False(ChainVerifier.MatchesName(leaf, "example.com"));
        Assert.False(Verify(leaf, [issuer.Certificate], [anchor.Certificate], name: "other.com").IsValid);
    }

    [Fact]
    public void An_anchor_verifies_as_itself()
    {
        var anchor = Pki.Anchor().Certificate;
        Assert.True(Verify(anchor, [], [anchor]).IsValid);
    }

    [Fact]
    public void Agrees_with_the_platform_chain_builder_on_a_valid_and_a_broken_chain()
    {
        // .NET's X509Chain (OpenSSL underneath) is an independent judge of the same chains.
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var stranger = Pki.Anchor();
        foreach (var (root, expected) in new[] { (anchor, true), (stranger, false) })
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root.Certificate.ToX509Certificate2());
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = Pki.Now.AddHours(1).UtcDateTime;
            Assert.Equal(expected, chain.Build(issuer.Certificate.ToX509Certificate2()));
            Assert.Equal(expected, ChainVerifier.Verify(issuer.Certificate, [], new CertificatePool([root.Certificate]), Pki.Now.AddHours(1)).IsValid);
        }
    }

    [Fact]
    public void When_the_intermediate_is_present_the_unknown_authority_named_is_the_intermediates_issuer()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var leaf = Pki.Leaf(issuer).Certificate;
        var stranger = Pki.Anchor(subject: "stranger");
        var result = Verify(leaf, [issuer.Certificate], [stranger.Certificate]);
        Assert.False(result.IsValid);
        Assert.StartsWith("'CN=identity.linkerd.cluster.local' is signed by an unknown authority 'CN=root.linkerd.cluster.local'", result.Failure);
        Assert.DoesNotContain("'CN=web.default", result.Failure!.Split(" is signed")[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_path_length_error_is_reported_rather_than_another_candidates_signature_error(bool impostorFirst)
    {
        // The right anchor signed the issuer but has pathlen 0; an impostor with the same subject did not sign it.
        var anchor = Pki.Anchor(pathLength: 0);
        var issuer = Pki.Odd(anchor, "identity");
        var impostor = Pki.Anchor();
        var leaf = Pki.Odd(issuer, "leaf", ca: false);
        CertificateInfo[] anchors = impostorFirst ? [impostor.Certificate, anchor.Certificate] : [anchor.Certificate, impostor.Certificate];
        var result = Verify(leaf.Certificate, [issuer.Certificate], anchors, KeyPurpose.Any);
        Assert.False(result.IsValid);
        Assert.Equal("'CN=root.linkerd.cluster.local' has pathlen 0: it may sign leaves only, not another CA", result.Failure);
    }

    [Fact]
    public void A_self_issued_intermediate_counts_toward_the_path_length_as_in_go()
    {
        var anchor = Pki.Anchor(pathLength: 1);
        var issuer = Pki.Odd(anchor, "identity", pathLength: 5);
        var rollover = Pki.Odd(issuer, "identity", pathLength: 5); // same name, new key: self-issued
        Assert.True(rollover.Certificate.IsSelfIssued);
        var leaf = Pki.Odd(rollover, "leaf", ca: false);
        var result = Verify(leaf.Certificate, [issuer.Certificate, rollover.Certificate], [anchor.Certificate], KeyPurpose.Any);
        Assert.False(result.IsValid);
        Assert.Contains("pathlen 1 but 2 intermediate CA(s)", result.Failure);
    }

    [Fact]
    public void The_leafs_own_key_must_be_a_supported_one()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var p192 = Pki.Odd(issuer, "leaf", key: "p192", ca: false).Certificate;
        var result = Verify(p192, [issuer.Certificate], [anchor.Certificate], KeyPurpose.Any);
        Assert.False(result.IsValid);
        Assert.Equal("'CN=leaf' has an ECDSA key on P-192 (1.2.840.10045.3.1.1); supported curves are P-224, P-256, P-384 and P-521", result.Failure);
        Assert.True(Verify(Pki.Odd(issuer, "leaf", key: "p384", ca: false).Certificate, [issuer.Certificate], [anchor.Certificate], KeyPurpose.Any).IsValid);
        Assert.True(Verify(Pki.Odd(issuer, "leaf", key: "rsa2048", ca: false).Certificate, [issuer.Certificate], [anchor.Certificate], KeyPurpose.Any).IsValid);
    }
}
