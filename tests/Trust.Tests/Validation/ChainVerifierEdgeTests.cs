using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public class ChainVerifierEdgeTests
{
    private static readonly DateTimeOffset Now = Pki.Now;

    private static ChainResult Verify(CertificateInfo cert, IEnumerable<CertificateInfo> intermediates, IEnumerable<CertificateInfo> anchors,
        KeyPurpose purpose = KeyPurpose.Server, string? name = null, DateTimeOffset? at = null) =>
        ChainVerifier.Verify(cert, intermediates, new CertificatePool(anchors), at ?? Now, purpose, name);

    private static Issued WithEku(Issued signer, string subject, bool ca, params string[] ekus) =>
        Pki.Odd(signer, subject, r => ReplaceEku(r, ekus), ca: ca);

    private static void ReplaceEku(CertificateRequest request, string[] ekus)
    {
        var collection = new OidCollection();
        foreach (var e in ekus) collection.Add(new Oid(e));
        for (var i = request.CertificateExtensions.Count - 1; i >= 0; i--)
            if (request.CertificateExtensions[i] is X509EnhancedKeyUsageExtension) request.CertificateExtensions.RemoveAt(i);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(collection, false));
    }

    [Fact]
    public void Failures_name_the_certificate_and_the_time()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor).Certificate;
        Assert.Equal($"'CN=identity.linkerd.cluster.local' expired on {Trust.Time.Rfc3339.Format(issuer.NotAfter)} (checked at {Trust.Time.Rfc3339.Format(issuer.NotAfter.AddSeconds(1))})",
            Verify(issuer, [], [anchor.Certificate], at: issuer.NotAfter.AddSeconds(1)).Failure);
        Assert.Equal($"'CN=identity.linkerd.cluster.local' is not valid before {Trust.Time.Rfc3339.Format(issuer.NotBefore)} (checked at {Trust.Time.Rfc3339.Format(issuer.NotBefore.AddSeconds(-1))})",
            Verify(issuer, [], [anchor.Certificate], at: issuer.NotBefore.AddSeconds(-1)).Failure);
        var failed = Verify(issuer, [], [anchor.Certificate], at: issuer.NotBefore.AddSeconds(-1));
        Assert.False(failed.IsValid);
        Assert.Empty(failed.Chain);
    }

    [Fact]
    public void An_unknown_authority_is_named()
    {
        var issuer = Pki.Issuer(Pki.Anchor());
        Assert.Equal("'CN=identity.linkerd.cluster.local' is signed by an unknown authority 'CN=root.linkerd.cluster.local' (no anchor or intermediate with that subject)",
            Verify(issuer.Certificate, null!, [Pki.Anchor(subject: "other").Certificate]).Failure);
    }

    [Fact]
    public void A_wrong_key_is_named_in_the_signature_failure()
    {
        var issuer = Pki.Issuer(Pki.Anchor());
        Assert.Equal("the signature of 'CN=identity.linkerd.cluster.local' does not verify with the key of 'CN=root.linkerd.cluster.local'",
            Verify(issuer.Certificate, [], [Pki.Anchor().Certificate]).Failure);
    }

    [Fact]
    public void A_leaf_with_an_unhandled_critical_extension_fails()
    {
        var anchor = Pki.Anchor();
        var leaf = Pki.Odd(anchor, "leaf", r => r.CertificateExtensions.Add(new X509Extension("1.2.3.4", [0x05, 0x00], true)), ca: false);
        Assert.Equal("'CN=leaf' has an unhandled critical extension 1.2.3.4", Verify(leaf.Certificate, [], [anchor.Certificate]).Failure);
    }

    [Fact]
    public void A_name_mismatch_lists_the_certificates_names()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var leaf = Pki.Leaf(issuer, "a.example.com").Certificate;
        Assert.Equal("'CN=a.example.com' is not valid for b.example.com; its DNS names are [a.example.com]",
            Verify(leaf, [issuer.Certificate], [anchor.Certificate], name: "b.example.com").Failure);
        Assert.True(Verify(leaf, [issuer.Certificate], [anchor.Certificate], name: "a.example.com").IsValid);
    }

    [Theory]
    [InlineData(KeyPurpose.Server, false)]
    [InlineData(KeyPurpose.Client, true)]
    [InlineData(KeyPurpose.Any, true)]
    public void Extended_key_usage_narrows_along_the_chain(KeyPurpose purpose, bool valid)
    {
        var anchor = Pki.Anchor();
        var issuer = WithEku(anchor, "issuer", true, Oids.ClientAuth);
        var leaf = WithEku(issuer, "leaf", false, Oids.ServerAuth, Oids.ClientAuth);
        var result = Verify(leaf.Certificate, [issuer.Certificate], [anchor.Certificate], purpose);
        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Equal("'CN=issuer' specifies an incompatible key usage: its extendedKeyUsage [clientAuth] excludes serverAuth", result.Failure);
    }

    [Fact]
    public void A_leaf_for_servers_only_fails_for_clients_and_anyEKU_allows_both()
    {
        var anchor = Pki.Anchor();
        var server = WithEku(anchor, "server", false, Oids.ServerAuth);
        Assert.Equal("'CN=server' specifies an incompatible key usage: its extendedKeyUsage [serverAuth] excludes clientAuth",
            Verify(server.Certificate, [], [anchor.Certificate], KeyPurpose.Client).Failure);
        Assert.True(Verify(server.Certificate, [], [anchor.Certificate], KeyPurpose.Server).IsValid);
        var any = WithEku(anchor, "any", false, Oids.AnyExtendedKeyUsage);
        Assert.True(Verify(any.Certificate, [], [anchor.Certificate], KeyPurpose.Client).IsValid);
        Assert.True(Verify(any.Certificate, [], [anchor.Certificate], KeyPurpose.Server).IsValid);
    }

    [Fact]
    public void A_chain_longer_than_eight_is_refused()
    {
        var anchor = Pki.Anchor(pathLength: null);
        var chain = new List<Issued>();
        var signer = anchor;
        for (var i = 0; i < 8; i++)
        {
            signer = Pki.Odd(signer, $"ca{i}", r => ReplaceBasicConstraints(r));
            chain.Add(signer);
        }
        var leaf = Pki.Odd(signer, "leaf", ca: false);
        var intermediates = chain.Select(c => c.Certificate).ToList();
        var result = Verify(leaf.Certificate, intermediates, [anchor.Certificate], KeyPurpose.Any);
        Assert.False(result.IsValid);
        Assert.Equal("chain is too long", result.Failure);
        // Seven intermediates are within the limit.
        var shorter = Verify(chain[6].Certificate, intermediates.Take(6), [anchor.Certificate], KeyPurpose.Any);
        Assert.True(shorter.IsValid, shorter.Failure);
        Assert.Equal(8, shorter.Chain.Count);
        var longest = Verify(chain[7].Certificate, intermediates.Take(7), [anchor.Certificate], KeyPurpose.Any);
        Assert.False(longest.IsValid);
    }

    private static void ReplaceBasicConstraints(CertificateRequest request)
    {
        for (var i = request.CertificateExtensions.Count - 1; i >= 0; i--)
            if (request.CertificateExtensions[i] is X509BasicConstraintsExtension) request.CertificateExtensions.RemoveAt(i);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
    }

    [Fact]
    public void AnchorsReached_lists_each_reached_anchor_once()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var pool = new CertificatePool([anchor.Certificate, Pki.Anchor(subject: "other").Certificate]);
        Assert.Equal([anchor.Certificate], ChainVerifier.AnchorsReached(issuer.Certificate, [], pool, Now));
        Assert.Equal([anchor.Certificate], ChainVerifier.AnchorsReached(anchor.Certificate, [], pool, Now));
        Assert.Empty(ChainVerifier.AnchorsReached(issuer.Certificate, [], pool, issuer.Certificate.NotAfter.AddSeconds(1)));
        // Reached through two paths (directly and via a cross-signed copy of the issuer): still listed once.
        var leaf = Pki.Leaf(issuer, chainAbove: anchor.Certificate);
        Assert.Equal([anchor.Certificate], ChainVerifier.AnchorsReached(leaf.Certificate, [issuer.Certificate, issuer.Certificate], pool, Now));
    }

    [Fact]
    public void Names_ignore_case_and_a_trailing_dot_on_both_sides()
    {
        var anchor = Pki.Anchor();
        var leaf = Pki.Leaf(Pki.Issuer(anchor), "Web.Example.COM.").Certificate;
        Assert.True(ChainVerifier.MatchesName(leaf, "web.example.com"));
        Assert.True(ChainVerifier.MatchesName(leaf, "WEB.EXAMPLE.COM."));
        Assert.False(ChainVerifier.MatchesName(leaf, "web.example.co"));
        Assert.False(ChainVerifier.MatchesName(leaf, ".example.com"));
        var wildcard = Pki.Leaf(Pki.Issuer(anchor), "*.example.com").Certificate;
        Assert.False(ChainVerifier.MatchesName(wildcard, ".example.com"));
        Assert.False(ChainVerifier.MatchesName(wildcard, "*.example.org"));
        Assert.False(ChainVerifier.MatchesName(wildcard, "aexample.com"));
        Assert.Throws<ArgumentNullException>(() => ChainVerifier.MatchesName(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => ChainVerifier.MatchesName(leaf, null!));
    }

    [Fact]
    public void Null_arguments_are_programmer_mistakes()
    {
        var anchor = Pki.Anchor().Certificate;
        Assert.Throws<ArgumentNullException>(() => ChainVerifier.Verify(null!, [], new CertificatePool([anchor]), Now));
        Assert.Throws<ArgumentNullException>(() => ChainVerifier.Verify(anchor, [], null!, Now));
    }
}
