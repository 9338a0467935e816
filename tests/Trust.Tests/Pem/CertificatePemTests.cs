using Trust.Findings;
using Trust.Pem;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Pem;

public class CertificatePemTests
{
    [Theory]
    [InlineData("")]
    [InlineData("just text, no PEM at all\n")]
    public void No_certificate_is_an_input_error_with_a_remedy(string text)
    {
        var read = CertificatePem.TryRead(text, "bundle.pem");
        var finding = Assert.Single(read.Findings);
        Assert.Equal(FindingIds.PemNoCertificate, finding.Id);
        Assert.Equal("bundle.pem", finding.Source);
        Assert.Equal(RemedyAction.FixInput, finding.Remedy!.Action);
        Assert.Contains("CERTIFICATE", finding.Remedy.Advice);
        Assert.Equal(finding, Assert.Throws<TrustInputException>(() => CertificatePem.Read(text, "bundle.pem")).Finding);
    }

    [Fact]
    public void Written_text_has_only_certificate_blocks_lf_and_one_trailing_newline()
    {
        var a = Pki.Anchor().Certificate;
        var b = Pki.Anchor(subject: "other").Certificate;
        var text = CertificatePem.Write([a, b]);
        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("-----END CERTIFICATE-----\n", text);
        Assert.False(text.EndsWith("\n\n"));
        Assert.All(text.Split('\n').Where(l => !l.StartsWith("-----")), l => Assert.True(l.Length <= 64));
        Assert.Equal(2, text.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        var back = CertificatePem.Read(text, "t");
        Assert.Equal([a.Fingerprint, b.Fingerprint], back.Select(c => c.Fingerprint));
    }

    [Fact]
    public void Comments_and_text_between_blocks_are_ignored()
    {
        var a = Pki.Anchor().Certificate;
        var text = "# my anchors\nSubject: CN=root\n" + CertificatePem.Write([a]) + "\n\ntrailing words\n";
        Assert.Single(CertificatePem.Read(text, "t"));
    }

    [Fact]
    public void A_private_key_block_is_rejected_with_file_and_block()
    {
        var a = Pki.Anchor();
        var text = a.Pem + a.KeyPem;
        var e = Assert.Throws<TrustInputException>(() => CertificatePem.Read(text, "bundle.pem"));
        Assert.StartsWith("bundle.pem: block 2 is 'PRIVATE KEY'; only CERTIFICATE blocks are allowed", e.Message);
    }

    [Fact]
    public void A_truncated_block_is_rejected()
    {
        var pem = Pki.Anchor().Pem;
        var e = Assert.Throws<TrustInputException>(() => CertificatePem.Read(pem[..(pem.Length / 2)], "ca.crt"));
        Assert.StartsWith("ca.crt: block 1", e.Message);
    }

    [Fact]
    public void Truncated_der_inside_valid_base64_is_rejected()
    {
        var der = Pki.Anchor().Certificate.Der.ToArray();
        var text = CertificatePem.Write([(ReadOnlyMemory<byte>)der.AsMemory(0, der.Length - 10)]);
        var e = Assert.Throws<TrustInputException>(() => CertificatePem.Read(text, "ca.crt"));
        Assert.StartsWith("ca.crt: block 1: not a valid X.509 certificate", e.Message);
    }

    [Fact]
    public void Der_files_are_read_too()
    {
        var a = Pki.Anchor().Certificate;
        Assert.Equal(a.Fingerprint, CertificatePem.ReadBytes(a.Der, "ca.der").Single().Fingerprint);
    }

    [Property(MaxTest = 500)]
    public Property Arbitrary_bytes_never_escape_as_anything_but_an_input_error()
    {
        var der = Pki.Anchor().Certificate.Der.ToArray();
        return Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            foreach (var input in new[] { bytes, Mutate(der, bytes) })
            {
                try { CertificatePem.ReadBytes(input, "f"); }
                catch (TrustInputException) { }
                try { CertificatePem.Read(CertificatePem.Write([(ReadOnlyMemory<byte>)input]), "f"); }
                catch (TrustInputException) { }
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property Pem_round_trips_any_bytes_and_any_number_of_blocks()
    {
        return Prop.ForAll(ArbMap.Default.ArbFor<byte[][]>(), blocks =>
        {
            var nonEmpty = blocks.Where(b => b is { Length: > 0 }).Select(b => (ReadOnlyMemory<byte>)b).ToList();
            var text = PemText.Write("CERTIFICATE", nonEmpty);
            var back = PemBlocks.Read(text, "t");
            return back.Blocks.Count == nonEmpty.Count
                   && back.Blocks.Zip(nonEmpty).All(p => p.First.Der.AsSpan().SequenceEqual(p.Second.Span))
                   && !text.Contains('\r') && (nonEmpty.Count == 0 ? text.Length == 0 : text.EndsWith("-----\n", StringComparison.Ordinal))
                   && GoReadsWhole(text, nonEmpty);
        });
    }

    /// <summary>Go's pem.Decode (under Linkerd's reader) gets every block back and consumes the text to its end.</summary>
    private static bool GoReadsWhole(string text, List<ReadOnlyMemory<byte>> blocks)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var position = 0;
        foreach (var expected in blocks)
        {
            if (!GoPemDecoder.TryDecode(bytes, position, out var block) || !block.Bytes.AsSpan().SequenceEqual(expected.Span)) return false;
            position = block.Next;
        }
        return position == bytes.Length;
    }

    private static byte[] Mutate(byte[] der, byte[] noise)
    {
        var copy = (byte[])der.Clone();
        for (var i = 0; i + 1 < noise.Length; i += 2) copy[noise[i] * 7 % copy.Length] ^= noise[i + 1];
        return copy;
    }

    [Fact]
    public void ForEach_visits_what_ReadBytes_returns_in_order_and_fails_alike()
    {
        var certificates = Enumerable.Range(0, 5).Select(i => Pki.Anchor($"root-{i}").Certificate).ToList();
        var bytes = System.Text.Encoding.UTF8.GetBytes(CertificatePem.Write([.. certificates, certificates[0]]));
        var seen = new List<string>();
        Assert.Equal(6, CertificatePem.ForEach(bytes, "b.pem", c => seen.Add(c.Fingerprint)));
        Assert.Equal(CertificatePem.ReadBytes(bytes, "b.pem").Select(c => c.Fingerprint), seen);
        var fromStream = new List<string>();
        Assert.Equal(6, CertificatePem.ForEach(new MemoryStream(bytes), "b.pem", c => fromStream.Add(c.Fingerprint)));
        Assert.Equal(seen, fromStream);
        Assert.Equal(1, CertificatePem.ForEach(certificates[0].Der, "c.der", _ => { }));
        var broken = System.Text.Encoding.UTF8.GetBytes(CertificatePem.Write(certificates) + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        var expected = Assert.Throws<TrustInputException>(() => CertificatePem.ReadBytes(broken, "b.pem"));
        var actual = Assert.Throws<TrustInputException>(() => CertificatePem.ForEach(broken, "b.pem", _ => { }));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Throws<ArgumentNullException>(() => CertificatePem.ForEach(bytes, "b.pem", null!));
    }
}
