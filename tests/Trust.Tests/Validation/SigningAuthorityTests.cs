using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Findings;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public sealed class SigningAuthorityTests : IDisposable
{
    private static readonly DateTimeOffset Now = TestClock.Epoch;
    private static readonly DateTimeOffset From = Now.AddDays(-1);
    private static readonly DateTimeOffset Until = Now.AddDays(30);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private CertificateInfo Ca(params (string, bool, byte[])[] extensions) => new RawCertificate
    {
        Subject = "CN=ca", SubjectKey = _key, NotBefore = From, NotAfter = Until, Extensions = extensions,
    }.Build();

    private CertificateInfo GoodCa(int? pathLength = null) =>
        Ca(RawCertificate.BasicConstraints(true, pathLength), RawCertificate.KeyUsage(X509KeyUsageFlags.KeyCertSign));

    [Theory]
    [InlineData(CaRole.Anchor)]
    [InlineData(CaRole.Intermediate)]
    public void A_valid_CA_with_keyCertSign_may_sign_in_either_role(CaRole role) =>
        Assert.Null(SigningAuthority.Check(GoodCa(), role, 0, Now));

    [Fact]
    public void Validity_is_inclusive_at_both_ends()
    {
        var ca = GoodCa();
        Assert.Null(SigningAuthority.Check(ca, CaRole.Anchor, 0, From));
        Assert.Null(SigningAuthority.Check(ca, CaRole.Anchor, 0, Until));
    }

    [Fact]
    public void One_second_before_NotBefore_the_CA_is_not_yet_valid()
    {
        var finding = SigningAuthority.Check(GoodCa(), CaRole.Anchor, 0, From.AddSeconds(-1));
        Assert.NotNull(finding);
        Assert.Equal(FindingIds.CaNotYetValid, finding.Id);
        Assert.Equal($"'CN=ca' is not valid before 2026-11-20T12:00:00Z (checked at 2026-11-20T11:59:59Z)", finding.Message);
        Assert.Equal(RemedyAction.UseSigningCa, finding.Remedy!.Action);
        Assert.Contains("valid, has CA:TRUE and keyCertSign", finding.Remedy.Advice);
    }

    [Theory]
    [InlineData(CaRole.Anchor, RemedyAction.RotateAnchor)]
    [InlineData(CaRole.Intermediate, RemedyAction.CreateIssuer)]
    public void One_second_after_NotAfter_the_CA_has_expired_and_the_remedy_depends_on_the_role(CaRole role, RemedyAction action)
    {
        var finding = SigningAuthority.Check(GoodCa(), role, 0, Until.AddSeconds(1));
        Assert.NotNull(finding);
        Assert.Equal(FindingIds.CaExpired, finding.Id);
        Assert.Equal("'CN=ca' expired on 2026-12-21T12:00:00Z (checked at 2026-12-21T12:00:01Z)", finding.Message);
        Assert.Equal(action, finding.Remedy!.Action);
        Assert.Equal("renew or replace the expired CA before issuing from it", finding.Remedy.Advice);
    }

    [Fact]
    public void Without_a_time_validity_is_left_to_the_caller() =>
        Assert.Null(SigningAuthority.Check(GoodCa(), CaRole.Anchor, 0, null));

    [Theory]
    [InlineData(CaRole.Anchor)]
    [InlineData(CaRole.Intermediate)]
    public void A_v3_certificate_without_basicConstraints_is_not_a_CA_in_either_role(CaRole role)
    {
        var finding = SigningAuthority.Check(Ca(RawCertificate.KeyUsage(X509KeyUsageFlags.KeyCertSign)), role, 0, Now);
        Assert.Equal(FindingIds.CaNotCa, finding?.Id);
        Assert.Equal("'CN=ca' is not a CA (basicConstraints CA:TRUE missing) and cannot sign certificates", finding!.Message);
    }

    [Theory]
    [InlineData(CaRole.Anchor)]
    [InlineData(CaRole.Intermediate)]
    public void BasicConstraints_with_CA_false_is_not_a_CA_in_either_role(CaRole role)
    {
        var finding = SigningAuthority.Check(Ca(RawCertificate.BasicConstraints(false), RawCertificate.KeyUsage(X509KeyUsageFlags.KeyCertSign)), role, 0, Now);
        Assert.Equal(FindingIds.CaNotCa, finding?.Id);
    }

    [Fact]
    public void A_v1_certificate_is_accepted_as_an_anchor_but_not_as_an_intermediate()
    {
        var v1 = new RawCertificate { Version = 1, Subject = "CN=old", SubjectKey = _key, NotBefore = From, NotAfter = Until }.Build();
        Assert.Equal(1, v1.Version);
        Assert.Null(SigningAuthority.Check(v1, CaRole.Anchor, 0, Now));
        Assert.Null(SigningAuthority.Check(v1, CaRole.Anchor, 5, Now));
        Assert.Equal(FindingIds.CaNotCa, SigningAuthority.Check(v1, CaRole.Intermediate, 0, Now)?.Id);
    }

    [Fact]
    public void Without_keyUsage_a_CA_may_sign()
    {
        var ca = Ca(RawCertificate.BasicConstraints(true));
        Assert.Null(ca.KeyUsage);
        Assert.Null(SigningAuthority.Check(ca, CaRole.Intermediate, 0, Now));
    }

    [Fact]
    public void A_keyUsage_with_no_bits_counts_as_present_and_refuses()
    {
        var ca = Ca(RawCertificate.BasicConstraints(true), RawCertificate.KeyUsage(X509KeyUsageFlags.None));
        Assert.Equal(X509KeyUsageFlags.None, ca.KeyUsage);
        var finding = SigningAuthority.Check(ca, CaRole.Anchor, 0, Now);
        Assert.Equal(FindingIds.CaKeyUsage, finding?.Id);
        Assert.Equal("'CN=ca' has a keyUsage extension with no bits set (so no keyCertSign) and cannot sign certificates", finding!.Message);
        Assert.Equal(RemedyAction.UseSigningCa, finding.Remedy!.Action);
    }

    [Fact]
    public void A_keyUsage_without_keyCertSign_refuses()
    {
        var ca = Ca(RawCertificate.BasicConstraints(true), RawCertificate.KeyUsage(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign));
        var finding = SigningAuthority.Check(ca, CaRole.Anchor, 0, Now);
        Assert.Equal(FindingIds.CaKeyUsage, finding?.Id);
        Assert.Equal("'CN=ca' lacks keyUsage keyCertSign and cannot sign certificates", finding!.Message);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, false)]
    [InlineData(1, 1, true)]
    [InlineData(1, 2, false)]
    [InlineData(null, 7, true)]
    public void PathLength_must_be_at_least_the_intermediates_below(int? pathLength, int below, bool allowed)
    {
        var finding = SigningAuthority.Check(GoodCa(pathLength), CaRole.Anchor, below, Now);
        if (allowed) Assert.Null(finding);
        else
        {
            Assert.Equal(FindingIds.CaPathLength, finding?.Id);
            Assert.Equal(RemedyAction.FixPathLength, finding!.Remedy!.Action);
            Assert.Equal("use a CA whose path length allows the intermediates below it", finding.Remedy.Advice);
        }
    }

    [Fact]
    public void PathLength_messages_name_the_limit()
    {
        Assert.Equal("'CN=ca' has pathlen 0: it may sign leaves only, not another CA",
            SigningAuthority.Check(GoodCa(0), CaRole.Anchor, 1, Now)!.Message);
        Assert.Equal("'CN=ca' has pathlen 0 but 2 intermediate CA(s) would stand below it",
            SigningAuthority.Check(GoodCa(0), CaRole.Anchor, 2, Now)!.Message);
        Assert.Equal("'CN=ca' has pathlen 1 but 2 intermediate CA(s) would stand below it",
            SigningAuthority.Check(GoodCa(1), CaRole.Anchor, 2, Now)!.Message);
    }

    [Fact]
    public void An_unhandled_critical_extension_refuses_and_a_non_critical_one_does_not()
    {
        var critical = Ca(RawCertificate.BasicConstraints(true), RawCertificate.KeyUsage(X509KeyUsageFlags.KeyCertSign), ("1.2.3.4", true, [0x05, 0x00]));
        var finding = SigningAuthority.Check(critical, CaRole.Anchor, 0, Now);
        Assert.Equal(FindingIds.CaCriticalExtension, finding?.Id);
        Assert.Equal("'CN=ca' has an unhandled critical extension 1.2.3.4", finding!.Message);
        Assert.Equal(RemedyAction.UseSigningCa, finding.Remedy!.Action);

        var optional = Ca(RawCertificate.BasicConstraints(true), RawCertificate.KeyUsage(X509KeyUsageFlags.KeyCertSign), ("1.2.3.4", false, [0x05, 0x00]));
        Assert.Null(SigningAuthority.Check(optional, CaRole.Anchor, 0, Now));
    }

    [Fact]
    public void Validity_is_checked_before_the_other_rules()
    {
        var notCa = Ca(RawCertificate.BasicConstraints(false));
        Assert.Equal(FindingIds.CaExpired, SigningAuthority.Check(notCa, CaRole.Anchor, 0, Until.AddSeconds(1))?.Id);
        Assert.Equal(FindingIds.CaNotCa, SigningAuthority.Check(notCa, CaRole.Anchor, 0, Now)?.Id);
    }

    [Fact]
    public void Programmer_mistakes_throw_argument_exceptions()
    {
        Assert.Throws<ArgumentNullException>(() => SigningAuthority.Check(null!, CaRole.Anchor, 0, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => SigningAuthority.Check(GoodCa(), CaRole.Anchor, -1, Now));
    }
}
