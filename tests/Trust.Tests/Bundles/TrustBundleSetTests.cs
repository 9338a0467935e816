using Trust.Bundles;
using Trust.Certificates;
using Trust.Findings;
using Trust.Tests.Support;

namespace Trust.Tests.Bundles;

public class TrustBundleSetTests
{
    private static readonly Lazy<Issued[]> Anchors = new(() => [Pki.Anchor("a"), Pki.Anchor("b"), Pki.Anchor("c")]);
    private static CertificateInfo A => Anchors.Value[0].Certificate;
    private static CertificateInfo B => Anchors.Value[1].Certificate;
    private static CertificateInfo C => Anchors.Value[2].Certificate;

    private static CertificateInfo[] Sorted(params CertificateInfo[] certificates) =>
        certificates.OrderBy(c => c.Fingerprint, StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_empty_bundle_holds_nothing_and_renders_empty_text()
    {
        Assert.Equal(0, TrustBundle.Empty.Count);
        Assert.Empty(TrustBundle.Empty.Certificates);
        Assert.Equal("", TrustBundle.Empty.ToPem());
        Assert.Equal("trust bundle of 0 certificate(s)", TrustBundle.Empty.ToString());
        Assert.False(TrustBundle.Empty.Contains(A));
    }

    [Fact]
    public void Add_inserts_in_hash_order_and_adding_again_returns_the_same_bundle()
    {
        var bundle = TrustBundle.Empty.Add(C).Add(A).Add(B);
        Assert.Equal(Sorted(A, B, C), bundle.Certificates);
        Assert.Equal(3, bundle.Count);
        Assert.Equal(3, bundle.CertificatesRead);
        Assert.Equal(0, bundle.DuplicatesDropped);
        Assert.Same(bundle, bundle.Add(B));
        Assert.Equal("trust bundle of 3 certificate(s)", bundle.ToString());
    }

    [Fact]
    public void Add_at_each_position_keeps_every_certificate()
    {
        foreach (var order in new[] { new[] { A, B, C }, [B, C, A], [C, A, B], [A, C, B] })
        {
            var bundle = order.Aggregate(TrustBundle.Empty, (b, c) => b.Add(c));
            Assert.Equal(Sorted(A, B, C), bundle.Certificates);
            Assert.Equal(TrustBundle.From([A, B, C]).ToPem(), bundle.ToPem());
        }
    }

    [Fact]
    public void Remove_takes_out_exactly_one_certificate_from_any_position()
    {
        var all = TrustBundle.From([A, B, C]);
        foreach (var gone in all.Certificates.ToArray())
        {
            var rest = all.Remove(gone.Sha256.Span);
            Assert.Equal(2, rest.Count);
            Assert.False(rest.Contains(gone));
            Assert.Equal(all.Certificates.Where(c => c != gone), rest.Certificates);
            Assert.Equal(2, rest.CertificatesRead);
            Assert.Equal(rest.Certificates, all.Remove(gone.Fingerprint.ToUpperInvariant()).Certificates);
        }
        Assert.Same(all, all.Remove(new byte[32]));
        Assert.Same(all, all.Remove(new string('0', 64)));
    }

    [Fact]
    public void Remove_by_text_accepts_colons_and_rejects_what_is_not_a_fingerprint()
    {
        var all = TrustBundle.From([A, B]);
        var colons = string.Join(":", Enumerable.Range(0, 32).Select(i => A.Fingerprint.Substring(i * 2, 2)));
        Assert.Equal([B], all.Remove(colons).Certificates);
        Assert.Equal([B], all.Remove($"  {A.Fingerprint} ").Certificates);
        Assert.Throws<ArgumentException>(() => all.Remove("abc"));
        Assert.Throws<ArgumentException>(() => all.Remove(new string('z', 64)));
        Assert.Throws<ArgumentNullException>(() => all.Remove((string)null!));
    }

    [Fact]
    public void Find_and_Contains_look_up_by_fingerprint()
    {
        var bundle = TrustBundle.From([A, B]);
        Assert.Same(A, bundle.Find(A.Fingerprint));
        Assert.Same(B, bundle.Find(B.Fingerprint.ToUpperInvariant()));
        Assert.Null(bundle.Find(C.Fingerprint));
        Assert.Null(bundle.Find("not hex"));
        Assert.Null(bundle.Find(new string('g', 64)));
        Assert.True(bundle.Contains(A.Sha256.Span));
        Assert.False(bundle.Contains(C.Sha256.Span));
        Assert.True(bundle.Contains(B));
        Assert.False(bundle.Contains(C));
        Assert.Throws<ArgumentNullException>(() => bundle.Find(null!));
        Assert.Throws<ArgumentNullException>(() => bundle.Contains((CertificateInfo)null!));
        Assert.Throws<ArgumentNullException>(() => bundle.Add(null!));
    }

    [Fact]
    public void From_counts_what_it_read_and_dropped()
    {
        var leaf = Pki.Leaf(Pki.Issuer(Anchors.Value[0]), chainAbove: A).Certificate;
        var old = Pki.Anchor("old", lifetime: TimeSpan.FromHours(1), now: Pki.Now.AddDays(-1)).Certificate;
        var bundle = TrustBundle.From([A, A, B, leaf, old], new BundleOptions { CaOnly = true, DropExpiredAt = Pki.Now });
        Assert.Equal(5, bundle.CertificatesRead);
        Assert.Equal(1, bundle.DuplicatesDropped);
        Assert.Equal(1, bundle.ExpiredDropped);
        Assert.Equal(1, bundle.NonCaDropped);
        Assert.Equal(Sorted(A, B), bundle.Certificates);

        var unfiltered = TrustBundle.From([A, A, B, leaf, old]);
        Assert.Equal(4, unfiltered.Count);
        Assert.Equal(0, unfiltered.ExpiredDropped);
        Assert.Equal(0, unfiltered.NonCaDropped);
        Assert.Throws<ArgumentNullException>(() => TrustBundle.From(null!));
        Assert.Throws<ArgumentNullException>(() => TrustBundle.From([A, null!]));
    }

    [Fact]
    public void The_certificate_list_cannot_be_changed_through_a_cast()
    {
        var bundle = TrustBundle.From([A]);
        Assert.False(bundle.Certificates is CertificateInfo[]);
        Assert.Throws<NotSupportedException>(() => ((IList<CertificateInfo>)bundle.Certificates)[0] = B);
    }

    [Fact]
    public void TryParse_reads_a_bundle_or_returns_its_first_problem()
    {
        var good = TrustBundle.TryParse(TrustBundle.From([A, B]).ToPem(), "ca-bundle.crt");
        Assert.True(good.IsClean);
        Assert.Equal(Sorted(A, B).Select(c => c.Fingerprint), good.Value!.Certificates.Select(c => c.Fingerprint));

        var bad = TrustBundle.TryParse("junk", "ca-bundle.crt");
        Assert.Null(bad.Value);
        var finding = Assert.Single(bad.Findings);
        Assert.Equal("ca-bundle.crt", finding.Source);
        Assert.Throws<ArgumentNullException>(() => TrustBundle.TryParse(null!, "s"));
        Assert.Throws<ArgumentNullException>(() => TrustBundle.TryParse("", null!));
    }

    [Fact]
    public void Merge_rejects_null_inputs()
    {
        Assert.Throws<ArgumentNullException>(() => TrustBundle.Merge(null!));
        var merged = TrustBundle.Merge([new BundleInput("x", TrustBundle.From([A, B]).ToPem()), new BundleInput("y", TrustBundle.From([B, C]).ToPem())]);
        Assert.Equal(Sorted(A, B, C).Select(c => c.Fingerprint), merged.Certificates.Select(c => c.Fingerprint));
        Assert.Equal(4, merged.CertificatesRead);
        Assert.Equal(1, merged.DuplicatesDropped);
    }

    [Fact]
    public void AnchorsFor_names_the_anchors_an_issuer_chains_to()
    {
        var a = Anchors.Value[0];
        var issuer = Pki.Issuer(a);
        var bundle = TrustBundle.From([A, B]);
        Assert.Equal([A], bundle.AnchorsFor(issuer.Certificate, null, Pki.Now));
        Assert.Empty(TrustBundle.From([B]).AnchorsFor(issuer.Certificate, [], Pki.Now));
        var leaf = Pki.Leaf(issuer, chainAbove: A);
        Assert.Equal([A], bundle.AnchorsFor(leaf.Certificate, [issuer.Certificate], Pki.Now));
        Assert.Throws<ArgumentNullException>(() => bundle.AnchorsFor(null!, null, Pki.Now));
    }
}
