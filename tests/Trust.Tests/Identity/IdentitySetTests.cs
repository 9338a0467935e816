using Trust.Findings;
using Trust.Identity;
using Trust.Keys;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Identity;

public class IdentitySetTests
{
    private static readonly DateTimeOffset Now = TestClock.Epoch;

    [Fact]
    public void A_default_set_passes_its_checks_with_linkerds_subjects_and_lifetimes()
    {
        var result = IdentitySet.Create(new IdentitySetOptions(), TestClock.At());
        Assert.True(result.Passed);
        Assert.True(result.Report.Passed);
        using var set = result.Set!;
        Assert.Equal("CN=root.linkerd.cluster.local", set.Anchor.Certificate.Subject);
        Assert.Equal("CN=identity.linkerd.cluster.local", set.Issuer.Certificate.Subject);
        Assert.Equal(Now.AddHours(87600), set.Anchor.Certificate.NotAfter);
        Assert.Equal(Now.AddHours(8760), set.Issuer.Certificate.NotAfter);
        Assert.Equal(set.Anchor.Certificate.SubjectDer.ToArray(), set.Issuer.Certificate.IssuerDer.ToArray());
        Assert.True(set.AnchorKey.Matches(set.Anchor.Certificate.SubjectPublicKeyInfo.Span));
        Assert.True(set.IssuerKey.Matches(set.Issuer.Certificate.SubjectPublicKeyInfo.Span));
        Assert.Equal("identity set: anchor 'CN=root.linkerd.cluster.local', issuer 'CN=identity.linkerd.cluster.local'", set.ToString());
    }

    [Fact]
    public void The_texts_are_the_certificates_and_keys_as_linkerd_reads_them()
    {
        using var set = IdentitySet.Create(new IdentitySetOptions { TrustDomain = "example.org" }, Now).Set!;
        Assert.Equal("CN=root.linkerd.example.org", set.Anchor.Certificate.Subject);
        Assert.Equal(set.Anchor.Certificate.Fingerprint, Assert.Single(CertificatePem.Read(set.AnchorPem, "a")).Fingerprint);
        Assert.Equal(set.Issuer.Certificate.Fingerprint, Assert.Single(CertificatePem.Read(set.IssuerPem, "i")).Fingerprint);
        Assert.True(set.AnchorKey.Kind.IsEcdsaP256);
        Assert.True(set.IssuerKey.Kind.IsEcdsaP256);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", set.ExportIssuerKeyPem());
        using (var issuerKey = PrivateKeyPem.Read(set.ExportIssuerKeyPem(), "k"))
            Assert.True(issuerKey.Matches(set.Issuer.Certificate.SubjectPublicKeyInfo.Span));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", set.ExportAnchorKeyPem());
        var encrypted = set.ExportAnchorKeyPem("secret");
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", encrypted);
        using (var anchorKey = PrivateKeyPem.Read(encrypted, "k", "secret"))
            Assert.True(anchorKey.Matches(set.Anchor.Certificate.SubjectPublicKeyInfo.Span));

        var secret = set.ToTlsSecret();
        Assert.Equal(set.IssuerPem, secret.Certificate);
        Assert.Equal(set.AnchorPem, secret.Ca);
    }

    [Fact]
    public void A_lifetime_is_resolved_against_the_given_now_not_the_clock()
    {
        var later = Now.AddDays(100);
        using var set = IdentitySet.Create(new IdentitySetOptions { IssuerLifetime = TimeSpan.FromDays(2) }, TestClock.At(later)).Set!;
        Assert.Equal(later.AddDays(2), set.Issuer.Certificate.NotAfter);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void A_lifetime_that_is_not_positive_is_bad_input(int hours, bool anchor)
    {
        var lifetime = TimeSpan.FromHours(hours);
        var options = anchor ? new IdentitySetOptions { AnchorLifetime = lifetime } : new IdentitySetOptions { IssuerLifetime = lifetime };
        var what = anchor ? "anchor" : "issuer";
        var e = Assert.Throws<TrustInputException>(() => IdentitySet.Create(options, Now));
        Assert.Equal(FindingIds.ValidityInvalid, e.Finding.Id);
        Assert.Equal($"the {what} lifetime must be positive, not {(hours < 0 ? "-1h" : "0h")}", e.Finding.Message);
        Assert.Equal(RemedyAction.FixValidity, e.Finding.Remedy!.Action);
        Assert.Equal($"give the {what} a positive lifetime", e.Finding.Remedy.Advice);
    }

    [Fact]
    public void A_lifetime_past_the_year_9999_is_bad_input_and_one_that_just_fits_is_not_refused_as_such()
    {
        var room = DateTimeOffset.MaxValue - Now;
        var e = Assert.Throws<TrustInputException>(() => IdentitySet.Create(new IdentitySetOptions { AnchorLifetime = room + TimeSpan.FromTicks(1) }, Now));
        Assert.Equal(FindingIds.ValidityInvalid, e.Finding.Id);
        Assert.EndsWith("ends after the year 9999", e.Finding.Message);
        Assert.StartsWith("the anchor lifetime ", e.Finding.Message);
        Assert.Equal("give the anchor a shorter lifetime", e.Finding.Remedy!.Advice);

        var issuer = Assert.Throws<TrustInputException>(() => IdentitySet.Create(new IdentitySetOptions { IssuerLifetime = room + TimeSpan.FromTicks(1) }, Now));
        Assert.StartsWith("the issuer lifetime ", issuer.Finding.Message);

        // Exactly up to the end of the calendar passes the lifetime rule (whatever the certificate encoding makes of it).
        var atEdge = Record.Exception(() => IdentitySet.Create(new IdentitySetOptions { AnchorLifetime = room }, Now)?.Set?.Dispose());
        Assert.False(atEdge is TrustInputException { Finding.Message: var m } && m.EndsWith("ends after the year 9999", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_trust_domain_is_bad_input()
    {
        var e = Assert.Throws<TrustInputException>(() => IdentitySet.Create(new IdentitySetOptions { TrustDomain = "Bad_Domain" }, Now));
        Assert.Equal(FindingIds.TrustDomainInvalid, e.Finding.Id);
    }

    [Fact]
    public void A_set_that_fails_its_checks_is_not_returned_but_its_report_is()
    {
        // Linkerd's proxies accept only ECDSA P-256 trust anchors, so a P-384 anchor fails "supported crypto algorithm".
        var result = IdentitySet.Create(new IdentitySetOptions { AnchorKeyAlgorithm = KeyAlgorithm.EcdsaP384 }, Now);
        Assert.False(result.Passed);
        Assert.Null(result.Set);
        Assert.False(result.Report.Passed);
    }

    [Fact]
    public void A_set_with_only_warnings_is_returned_with_them()
    {
        var result = IdentitySet.Create(new IdentitySetOptions { IssuerLifetime = TimeSpan.FromDays(1) }, Now);
        Assert.True(result.Passed);
        Assert.NotEmpty(result.Report.Warnings);
        result.Set!.Dispose();
    }

    [Fact]
    public void Null_arguments_are_programmer_mistakes()
    {
        Assert.Throws<ArgumentNullException>(() => IdentitySet.Create(null!, Now));
        Assert.Throws<ArgumentNullException>(() => IdentitySet.Create(new IdentitySetOptions(), (TimeProvider)null!));
        Assert.Throws<ArgumentNullException>(() => IdentitySet.Create(null!, TestClock.At()));
    }

    [Fact]
    public void Options_derive_linkerds_subjects_from_the_trust_domain()
    {
        var options = new IdentitySetOptions { TrustDomain = "x.y" };
        Assert.Equal("root.linkerd.x.y", options.AnchorSubject);
        Assert.Equal("identity.linkerd.x.y", options.IssuerSubject);
        Assert.Equal(TimeSpan.FromHours(87600), IdentitySetOptions.DefaultAnchorLifetime);
        Assert.Equal(TimeSpan.FromHours(8760), IdentitySetOptions.DefaultIssuerLifetime);
        Assert.Equal(KeyAlgorithm.EcdsaP256, new IdentitySetOptions().AnchorKeyAlgorithm);
    }
}
