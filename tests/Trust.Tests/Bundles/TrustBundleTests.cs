using Trust.Pem;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Bundles;
using Trust.Certificates;
using Trust.Tests.Support;

namespace Trust.Tests.Bundles;

public class TrustBundleTests
{
    // A small fixed universe keeps property tests fast; shapes vary (CA, leaf, expired).
    private static readonly Lazy<CertificateInfo[]> Universe = new(() =>
    {
        var a = Pki.Anchor(subject: "a");
        var b = Pki.Anchor(subject: "b", lifetime: TimeSpan.FromDays(2));
        var i = Pki.Issuer(a, subject: "i");
        var leaf = Pki.Leaf(i, chainAbove: a.Certificate);
        var old = Pki.Anchor(subject: "old", lifetime: TimeSpan.FromHours(1), now: Pki.Now.AddDays(-10));
        return [a.Certificate, b.Certificate, i.Certificate, leaf.Certificate, old.Certificate];
    });

    private static Arbitrary<CertificateInfo[]> Lists => Arb.From(
        Gen.ListOf(Gen.Elements(Universe.Value)).Select(l => l.ToArray()));

    private static string Text(IEnumerable<CertificateInfo> certs) => CertificatePem.Write(certs);

    private static string Merge(params IEnumerable<CertificateInfo>[] inputs) =>
        TrustBundle.Merge(inputs.Select((c, n) => new BundleInput($"in{n}", Text(c))).Where(i => i.Text.Length > 0)).ToPem();

    [Property(MaxTest = 100)]
    public Property Merge_is_idempotent()
    {
        return Prop.ForAll(Lists, Lists, (a, b) =>
        {
            var once = Merge(a, b);
            var twice = TrustBundle.Merge(new[] { new BundleInput("m", once), new BundleInput("b", Text(b)) }.Where(i => i.Text.Length > 0)).ToPem();
            return once == twice;
        });
    }

    [Property(MaxTest = 100)]
    public Property Merge_is_independent_of_input_order()
    {
        return Prop.ForAll(Lists, Lists, (a, b) =>
            Merge(a, b) == Merge(b, a) && Merge(a.Concat(b)) == Merge(a.Concat(b).Reverse()));
    }

    [Property(MaxTest = 100)]
    public Property Merge_never_loses_a_valid_input_certificate()
    {
        return Prop.ForAll(Lists, Lists, (a, b) =>
        {
            var bundle = TrustBundle.From(a.Concat(b));
            var inputs = a.Concat(b).Select(c => c.Fingerprint).ToHashSet();
            return inputs.SetEquals(bundle.Certificates.Select(c => c.Fingerprint))
                   && bundle.CertificatesRead == a.Length + b.Length
                   && bundle.DuplicatesDropped == a.Length + b.Length - inputs.Count;
        });
    }

    [Fact]
    public void Output_is_sorted_by_sha256_of_the_der()
    {
        var bundle = TrustBundle.From(Universe.Value);
        var hashes = bundle.Certificates.Select(c => c.Fingerprint).ToList();
        Assert.Equal(hashes.Order(StringComparer.Ordinal), hashes);
        Assert.Equal(5, hashes.Count);
    }

    [Fact]
    public void Expired_and_non_ca_certificates_can_be_dropped()
    {
        var bundle = TrustBundle.From(Universe.Value, new BundleOptions { DropExpiredAt = Pki.Now, CaOnly = true });
        Assert.Equal(1, bundle.ExpiredDropped);
        Assert.Equal(1, bundle.NonCaDropped);
        Assert.Equal(["CN=a", "CN=b", "CN=i"], bundle.Certificates.Select(c => c.Subject).Order());
    }

    [Fact]
    public void Expiry_is_inclusive_at_not_after()
    {
        var b = Universe.Value[1];
        Assert.Single(TrustBundle.From([b], new BundleOptions { DropExpiredAt = b.NotAfter }).Certificates);
        Assert.Empty(TrustBundle.From([b], new BundleOptions { DropExpiredAt = b.NotAfter.AddSeconds(1) }).Certificates);
    }

    [Fact]
    public void One_bad_block_rejects_the_merge_naming_source_and_block()
    {
        var good = new BundleInput("good.pem", Text(Universe.Value.Take(2)));
        var bad = new BundleInput("bad.pem", Text(Universe.Value.Take(1)) + "-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n");
        var e = Assert.Throws<TrustInputException>(() => TrustBundle.Merge([good, bad]));
        Assert.Equal("bad.pem: block 2 is 'EC PRIVATE KEY'; only CERTIFICATE blocks are allowed (a private key does not belong in a certificate file)", e.Message);
    }
}
