using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public class CertificatePoolTests
{
    [Fact]
    public void Duplicates_by_SHA256_are_kept_once()
    {
        var anchor = Pki.Anchor();
        var pool = new CertificatePool([anchor.Certificate, anchor.Certificate]);
        Assert.Equal(1, pool.Count);
        pool.Add(anchor.Certificate);
        Assert.Equal(1, pool.Count);
        Assert.Single(pool.PotentialParents(Pki.Issuer(anchor).Certificate));
    }

    [Fact]
    public void Contains_is_by_exact_certificate_not_by_name()
    {
        var anchor = Pki.Anchor();
        var sameName = Pki.Anchor();
        var pool = new CertificatePool([anchor.Certificate]);
        Assert.True(pool.Contains(anchor.Certificate));
        Assert.False(pool.Contains(sameName.Certificate));
    }

    [Fact]
    public void Parents_are_found_by_the_childs_issuer_name()
    {
        var anchor = Pki.Anchor(subject: "root-a");
        var other = Pki.Anchor(subject: "root-b");
        var pool = new CertificatePool([anchor.Certificate, other.Certificate]);
        Assert.Equal(2, pool.Count);
        Assert.Same(anchor.Certificate, Assert.Single(pool.PotentialParents(Pki.Issuer(anchor).Certificate)));
        Assert.Same(other.Certificate, Assert.Single(pool.PotentialParents(Pki.Issuer(other).Certificate)));
        Assert.Empty(pool.PotentialParents(Pki.Issuer(Pki.Anchor(subject: "root-c")).Certificate));
    }

    [Fact]
    public void Among_parents_with_the_same_name_the_one_whose_key_id_matches_comes_first_whatever_the_order_added()
    {
        var first = Pki.Anchor();
        var second = Pki.Anchor();
        var child = Pki.Issuer(second).Certificate;
        Assert.Equal(second.Certificate, new CertificatePool([first.Certificate, second.Certificate]).PotentialParents(child)[0]);
        Assert.Equal(second.Certificate, new CertificatePool([second.Certificate, first.Certificate]).PotentialParents(child)[0]);
        Assert.Equal(2, new CertificatePool([first.Certificate, second.Certificate]).PotentialParents(child).Count);
    }

    [Fact]
    public void A_child_without_an_authority_key_id_gets_every_same_named_parent_in_the_order_added()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var a = Pki.Anchor(subject: "CN=ca");
        var b = Pki.Anchor(subject: "CN=ca");
        var child = new RawCertificate { Subject = "CN=child", Issuer = "CN=ca", SubjectKey = key }.Build();
        Assert.Null(child.AuthorityKeyId);
        Assert.Equal([a.Certificate, b.Certificate], new CertificatePool([a.Certificate, b.Certificate]).PotentialParents(child));
    }

    [Fact]
    public void A_parent_without_a_subject_key_id_comes_after_one_whose_key_id_matches()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var withId = Pki.Anchor(subject: "CN=ca");
        var withoutId = new RawCertificate { Subject = "CN=ca", SubjectKey = key, Extensions = [RawCertificate.BasicConstraints(true)] }.Build();
        Assert.Null(withoutId.SubjectKeyId);
        var child = Pki.Issuer(withId).Certificate;
        Assert.Equal([withId.Certificate, withoutId], new CertificatePool([withoutId, withId.Certificate]).PotentialParents(child));
    }

    [Fact]
    public void Null_arguments_are_programmer_mistakes()
    {
        Assert.Throws<ArgumentNullException>(() => new CertificatePool(null!));
        Assert.Throws<ArgumentNullException>(() => new CertificatePool([null!]));
        var pool = new CertificatePool([]);
        Assert.Equal(0, pool.Count);
        Assert.Throws<ArgumentNullException>(() => pool.Add(null!));
        Assert.Throws<ArgumentNullException>(() => pool.Contains(null!));
        Assert.Throws<ArgumentNullException>(() => pool.PotentialParents(null!));
    }
}
