using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Trust.Bundles;
using Trust.Certificates;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Bundles;

/// <summary>
/// The builder (streamed, deduplicated before parsing) against the way bundles were made before it:
/// <see cref="CertificatePem.ReadBytes"/> on every input, then <see cref="TrustBundle.From"/>. Same bytes, same
/// counters, same errors.
/// </summary>
public class TrustBundleBuilderTests
{
    private static readonly Lazy<CertificateInfo[]> Universe = new(() =>
    {
        var a = Pki.Anchor(subject: "a");
        var b = Pki.Anchor(subject: "b", lifetime: TimeSpan.FromDays(2));
        var i = Pki.Issuer(a, subject: "i");
        var leaf = Pki.Leaf(i, chainAbove: a.Certificate);
        var old = Pki.Anchor(subject: "old", lifetime: TimeSpan.FromHours(1), now: Pki.Now.AddDays(-10));
        var oldIssuer = Pki.Issuer(old, subject: "old-i", now: Pki.Now.AddDays(-10), lifetime: TimeSpan.FromMinutes(30));
        return [a.Certificate, b.Certificate, i.Certificate, leaf.Certificate, old.Certificate, oldIssuer.Certificate];
    });

    private static readonly BundleOptions[] AllOptions =
    [
        new(),
        new() { DropExpiredAt = Pki.Now },
        new() { CaOnly = true },
        new() { DropExpiredAt = Pki.Now, CaOnly = true },
    ];

    /// <summary>PEM with duplicates, comments, CRLF in places and blank lines: what merged cluster bundles look like.</summary>
    private static byte[] Input(IReadOnlyList<CertificateInfo> certificates, int seed, int repeats)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var n = 0; n < repeats; n++)
        {
            var c = certificates[random.Next(certificates.Count)];
            if (random.Next(4) == 0) text.Append("# cluster ").Append(n).Append(" — anchors\n");
            var pem = CertificatePem.Write([c]);
            text.Append(random.Next(3) == 0 ? pem.Replace("\n", "\r\n") : pem);
            if (random.Next(5) == 0) text.Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static TrustBundle Reference(IEnumerable<(string Source, byte[] Content)> inputs, BundleOptions options) =>
        TrustBundle.From(inputs.SelectMany(i => CertificatePem.ReadBytes(i.Content, i.Source)).ToList(), options);

    private static void AssertSame(TrustBundle expected, TrustBundle actual)
    {
        Assert.Equal(expected.ToPem(), actual.ToPem());
        var streamed = new MemoryStream();
        actual.WritePem(streamed);
        Assert.Equal(Encoding.UTF8.GetBytes(expected.ToPem()), streamed.ToArray());
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.CertificatesRead, actual.CertificatesRead);
        Assert.Equal(expected.DuplicatesDropped, actual.DuplicatesDropped);
        Assert.Equal(expected.ExpiredDropped, actual.ExpiredDropped);
        Assert.Equal(expected.NonCaDropped, actual.NonCaDropped);
        Assert.Equal(expected.Certificates.Select(c => c.Fingerprint), actual.Certificates.Select(c => c.Fingerprint));
    }

    [Fact]
    public void Builds_the_same_bundle_as_reading_everything_then_From_with_duplicates_expired_and_non_CA_certificates()
    {
        var inputs = new[] { ("one.pem", Input(Universe.Value, 1, 40)), ("two.pem", Input(Universe.Value, 2, 25)), ("three.pem", Input(Universe.Value[3..], 3, 9)) };
        foreach (var options in AllOptions)
        {
            var expected = Reference(inputs, options);
            var fromMemory = new TrustBundleBuilder(options);
            var fromStreams = new TrustBundleBuilder(options);
            foreach (var (source, content) in inputs)
            {
                fromMemory.Add(content, source);
                fromStreams.Add(new MemoryStream(content), source);
            }
            AssertSame(expected, fromMemory.ToBundle());
            AssertSame(expected, fromStreams.ToBundle());
        }
    }

    [Fact]
    public void Inputs_larger_than_the_read_chunk_give_the_same_bundle()
    {
        var content = Input(Universe.Value, 7, 5_000); // ~3 MB: blocks cross the 1 MiB chunk boundaries
        Assert.True(content.Length > 2 << 20);
        foreach (var options in AllOptions)
            AssertSame(Reference([("big.pem", content)], options), new TrustBundleBuilder(options).Add(new MemoryStream(content), "big.pem").ToBundle());
    }

    [Fact]
    public void A_single_DER_certificate_is_an_input_as_before()
    {
        var der = Universe.Value[0].Der.ToArray();
        AssertSame(Reference([("a.der", der), ("b.der", der)], new()), new TrustBundleBuilder().Add(new MemoryStream(der), "a.der").Add(der, "b.der").ToBundle());
    }

    [Fact]
    public void A_rejected_input_leaves_the_builder_as_it_was()
    {
        var good = Input(Universe.Value, 4, 20);
        var bad = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Input(Universe.Value, 5, 20)) + "-----BEGIN CERTIFICATE-----\nAAAA\n");
        var builder = new TrustBundleBuilder().Add(good, "good.pem");
        var error = Assert.Throws<TrustInputException>(() => builder.Add(new MemoryStream(bad), "bad.pem"));
        Assert.Contains("bad.pem", error.Message);
        AssertSame(Reference([("good.pem", good)], new()), builder.ToBundle());
    }

    [Fact]
    public void Empty_input_is_the_same_error_from_a_stream()
    {
        var expected = Assert.Throws<TrustInputException>(() => CertificatePem.ReadBytes(Array.Empty<byte>(), "e.pem"));
        var actual = Assert.Throws<TrustInputException>(() => new TrustBundleBuilder().Add(new MemoryStream(), "e.pem"));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void A_broken_BEGIN_line_longer_than_a_chunk_is_quoted_whole_as_before()
    {
        // Found by the property below: the message quotes the whole first line, which ran past a 16-byte chunk.
        var content = "-----BEGIN -----CEJ1UhRjAMIIBKBggqh4XDTI2"u8.ToArray();
        var expected = Assert.Throws<TrustInputException>(() => CertificatePem.ReadBytes(content, "in.pem")).Message;
        var actual = Assert.Throws<TrustInputException>(() => CertificatePemScanner.Read(new MemoryStream(content), "in.pem", (_, _) => { }, 16)).Message;
        Assert.Equal(expected, actual);
    }

    // Edits that reach every rule of the PEM reader: markers, headers, line endings, base64 alphabet, UTF-8.
    private static readonly string[] Pieces =
    [
        "-----BEGIN ", "-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\n", "-----END ", "-----", "\n", "\r\n", "\r", " ", ":",
        "-", "=", "A", "*", "é", "Proc-Type: 4,ENCRYPTED\n\n", "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n",
        "-----BEGIN X\nK: v\n\nAAAA\n-----END X-----\n", "MIIB", "\u0001",
    ];

    private static Gen<byte[]> Mutated => Gen.Choose(0, Universe.Value.Length - 1).ListOf().SelectMany(picks =>
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(picks.Select(p => CertificatePem.Write([Universe.Value[p]]))));
        var edit = Gen.Zip(Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 1 << 16)), Gen.Zip(Gen.Elements(Pieces), Gen.Choose(1, 40)))
            .Select(e => (Kind: e.Item1.Item1, At: e.Item1.Item2, Piece: e.Item2.Item1, Length: e.Item2.Item2));
        return edit.ListOf().Select(edits =>
        {
            var bytes = text.ToList();
            foreach (var (kind, at, piece, length) in edits)
            {
                var position = bytes.Count == 0 ? 0 : at % (bytes.Count + 1);
                switch (kind)
                {
                    case 0: bytes.InsertRange(position, Encoding.UTF8.GetBytes(piece)); break;
                    case 1: bytes.RemoveRange(position, Math.Min(length, bytes.Count - position)); break;
                    case 2: bytes.RemoveRange(position, bytes.Count - position); break;
                    default: bytes.Insert(position, (byte)(0x80 + length)); break; // stray byte: invalid UTF-8
                }
            }
            return bytes.ToArray();
        });
    });

    private static string Outcome(Action read)
    {
        try { read(); return "ok"; }
        catch (TrustInputException e) { return $"{e.Finding.Id}: {e.Message}"; }
    }

    private static string ReadAll(Action<CertificateDerHandler> read)
    {
        var ders = new List<string>();
        var outcome = Outcome(() => read((index, der) => ders.Add($"{index}:{Convert.ToHexString(CertificateInfo.Parse(der.ToArray()).Der.Span)}")));
        return outcome == "ok" ? string.Join(",", ders) : outcome;
    }

    [Fact]
    public void The_scanner_accepts_and_rejects_exactly_what_ReadBytes_does_with_the_same_message()
    {
        Prop.ForAll(Mutated.ToArbitrary(), content =>
        {
            var reference = Outcome(() => CertificatePem.ReadBytes(content, "in.pem"));
            if (reference == "ok")
            {
                var blocks = CertificatePem.ReadBytes(content, "in.pem");
                var index = 0;
                reference = string.Join(",", blocks.Select(c => $"{++index}:{Convert.ToHexString(c.Der.Span)}"));
                if (content[0] == 0x30 && content.AsSpan().IndexOf("-----BEGIN"u8) < 0) reference = $"1:{Convert.ToHexString(blocks[0].Der.Span)}";
            }
            var fromMemory = ReadAll(h => CertificatePemScanner.Read(content, "in.pem", h));
            Assert.Equal(reference, fromMemory);
            foreach (var chunk in new[] { 16, 37, 1000 })
                Assert.Equal(reference, ReadAll(h => CertificatePemScanner.Read(new MemoryStream(content), "in.pem", h, chunk)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
