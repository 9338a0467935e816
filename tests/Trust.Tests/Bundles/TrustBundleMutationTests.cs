using System.Text;
using Trust.Bundles;
using Trust.Certificates;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Bundles;

/// <summary>
/// Edges of bundles and the builder: hash order word by word, lookups by malformed fingerprints, set operations on a
/// bundle whose certificates were never parsed, argument checks, a failed input undone exactly, and certificates too
/// large to share the builder's memory chunks.
/// </summary>
public class TrustBundleMutationTests
{
    private static readonly Lazy<CertificateInfo[]> Anchors = new(() =>
        [Pki.Anchor(subject: "a").Certificate, Pki.Anchor(subject: "b").Certificate, Pki.Anchor(subject: "c").Certificate]);

    private static byte[] Hash(int at, byte value, int at2 = -1, byte value2 = 0)
    {
        var bytes = new byte[Sha256Key.Size];
        bytes[at] = value;
        if (at2 >= 0) bytes[at2] = value2;
        return bytes;
    }

    public static TheoryData<byte[], byte[]> HashPairs => new()
    {
        { Hash(0, 0), Hash(0, 0) },
        { Hash(0, 1), Hash(0, 2, 31, 9) },
        { Hash(8, 2, 31, 0), Hash(8, 1, 31, 9) },
        { Hash(16, 1, 31, 9), Hash(16, 2, 31, 0) },
        { Hash(24, 2), Hash(24, 1) },
        { Hash(31, 1), Hash(31, 2) },
    };

    [Theory]
    [MemberData(nameof(HashPairs))]
    public void Hash_keys_order_as_their_bytes_do(byte[] x, byte[] y)
    {
        var expected = Math.Sign(x.AsSpan().SequenceCompareTo(y));
        Assert.Equal(expected, Math.Sign(Sha256Key.From(x).CompareTo(Sha256Key.From(y))));
        Assert.Equal(-expected, Math.Sign(Sha256Key.From(y).CompareTo(Sha256Key.From(x))));
    }

    [Fact]
    public void The_certificate_list_is_made_once()
    {
        var bundle = TrustBundle.From(Anchors.Value);
        Assert.Same(bundle.Certificates, bundle.Certificates);
    }

    [Fact]
    public void A_hash_that_is_not_32_bytes_is_in_no_bundle()
    {
        var bundle = TrustBundle.From(Anchors.Value);
        Assert.False(bundle.Contains(new byte[5]));
        Assert.False(bundle.Contains(Anchors.Value[0].Sha256Bytes.AsSpan(0, 31)));
        Assert.All(bundle.Certificates, c => Assert.True(bundle.Contains(c.Sha256Bytes.AsSpan())));
        Assert.Same(bundle, bundle.Remove(new byte[5]));
    }

    [Fact]
    public void A_fingerprint_of_64_characters_that_are_not_hex_finds_nothing_and_cannot_be_removed()
    {
        var bundle = TrustBundle.From(Anchors.Value);
        var notHex = new string('z', 64);
        Assert.Null(bundle.Find(notHex));
        var error = Assert.Throws<ArgumentException>(() => bundle.Remove(notHex));
        Assert.Equal("fingerprint", error.ParamName);
        Assert.StartsWith("not a SHA-256 fingerprint (64 hex digits)", error.Message);
        Assert.StartsWith("not a SHA-256 fingerprint (64 hex digits)", Assert.Throws<ArgumentException>(() => bundle.Remove("abcd")).Message);
    }

    [Fact]
    public void Adding_to_and_removing_from_a_bundle_whose_certificates_were_never_parsed_works()
    {
        var a = Anchors.Value;
        var built = new TrustBundleBuilder().Add(Encoding.UTF8.GetBytes(CertificatePem.Write([a[0], a[1]])), "in.pem").ToBundle();
        var added = built.Add(a[2]);
        Assert.Equal(3, added.Count);
        Assert.Equal(TrustBundle.From(a).ToPem(), added.ToPem());
        var removed = new TrustBundleBuilder().Add(Encoding.UTF8.GetBytes(CertificatePem.Write(a)), "in.pem").ToBundle().Remove(a[1].Sha256Bytes);
        Assert.Equal(TrustBundle.From([a[0], a[2]]).ToPem(), removed.ToPem());
        Assert.Equal(new[] { a[0], a[2] }.OrderBy(c => c.Fingerprint, StringComparer.Ordinal).Select(c => c.Fingerprint),
            removed.Certificates.Select(c => c.Fingerprint));
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => TrustBundle.TryParse(null!, "in.pem")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => TrustBundle.TryParse("", null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => TrustBundle.Empty.WritePem(null!)).ParamName);
        var pem = Encoding.UTF8.GetBytes(CertificatePem.Write([Anchors.Value[0]]));
        var builder = new TrustBundleBuilder();
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => builder.Add(pem, null!)).ParamName);
        Assert.Equal("content", Assert.Throws<ArgumentNullException>(() => builder.Add((Stream)null!, "in.pem")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => builder.Add(new MemoryStream(pem), null!)).ParamName);
        Assert.Equal(0, builder.ToBundle().CertificatesRead);
    }

    [Fact]
    public void A_failed_input_is_undone_exactly_counts_of_earlier_inputs_included()
    {
        var old = Pki.Anchor(subject: "old", lifetime: TimeSpan.FromHours(1), now: Pki.Now.AddDays(-10)).Certificate;
        var fresh = Anchors.Value[0];
        var builder = new TrustBundleBuilder(new BundleOptions { DropExpiredAt = Pki.Now });
        builder.Add(Encoding.UTF8.GetBytes(CertificatePem.Write([old, old])), "first.pem");
        // Repeats the expired one, adds a new one, then fails: none of it may stay.
        var failing = CertificatePem.Write([old, fresh]) + "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
        Assert.Throws<TrustInputException>(() => builder.Add(Encoding.UTF8.GetBytes(failing), "second.pem"));
        var bundle = builder.ToBundle();
        Assert.Equal(2, bundle.CertificatesRead);
        Assert.Equal(2, bundle.ExpiredDropped);
        Assert.Equal(0, bundle.DuplicatesDropped);
        Assert.Equal(0, bundle.Count);

        // The new certificate of the failed input can be added again and counts once.
        builder.Add(Encoding.UTF8.GetBytes(CertificatePem.Write([fresh])), "third.pem");
        var after = builder.ToBundle();
        Assert.Equal(3, after.CertificatesRead);
        Assert.Equal(2, after.ExpiredDropped);
        Assert.Equal(fresh.Fingerprint, Assert.Single(after.Certificates).Fingerprint);
    }

    [Fact]
    public void A_certificate_larger_than_a_memory_chunk_is_kept_whole()
    {
        var huge = ExtensionCertificate.WithExtension("1.2.3.4.5", new byte[1_500_000]);
        var bundle = new TrustBundleBuilder().Add(huge, "huge.der").ToBundle();
        Assert.Equal(huge, Assert.Single(bundle.Certificates).Der.ToArray());
    }

    [Fact]
    public void Certificates_filling_several_memory_chunks_are_all_kept_intact()
    {
        // Six distinct certificates of about 200 kB each: more than one 1 MiB chunk, each small enough to share one.
        var ders = Enumerable.Range(0, 6).Select(_ => ExtensionCertificate.WithExtension("1.2.3.4.5", new byte[200_000])).ToList();
        var builder = new TrustBundleBuilder();
        foreach (var der in ders) builder.Add(der, "part.der");
        var bundle = builder.ToBundle();
        Assert.Equal(6, bundle.Count);
        Assert.Equal(ders.Select(Convert.ToHexString).Order(StringComparer.Ordinal),
            bundle.Certificates.Select(c => Convert.ToHexString(c.Der.Span)).Order(StringComparer.Ordinal));
    }
}
