using System.Text;
using Trust.Certificates;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Pem;

/// <summary>
/// The streaming reader against the whole-text reader it must agree with (<see cref="CertificatePem.ReadBytes"/>), on
/// inputs whose hard parts (multi-byte characters, broken blocks, headers, invalid UTF-8) land on every chunk boundary.
/// </summary>
public class CertificatePemScannerTests
{
    private static readonly Lazy<string[]> Pems = new(() => new[] { "a", "b", "c" }.Select(n => Pki.Anchor($"root-{n}").Pem).ToArray());

    private const string Text = "é क € 😀 ";

    /// <summary>What the whole-text reader makes of the input: the fingerprints in order, or its one error.</summary>
    private static string Expected(byte[] input)
    {
        try { return "ok " + string.Join(",", CertificatePem.ReadBytes(input, "in.pem").Select(c => c.Fingerprint[..8])); }
        catch (TrustInputException e) { return "error " + e.Message; }
    }

    private static string Streamed(byte[] input, int chunkSize)
    {
        var seen = new List<string>();
        try
        {
            CertificatePemScanner.Read(new MemoryStream(input), "in.pem",
                (_, der) => seen.Add(CertificateInfo.ParseOwned(der.ToArray()).Fingerprint[..8]), chunkSize);
            return "ok " + string.Join(",", seen);
        }
        catch (TrustInputException e) { return "error " + e.Message; }
    }

    private static string InMemory(byte[] input)
    {
        var seen = new List<string>();
        try
        {
            CertificatePem.ForEach(input, "in.pem", c => seen.Add(c.Fingerprint[..8]));
            return "ok " + string.Join(",", seen);
        }
        catch (TrustInputException e) { return "error " + e.Message; }
    }

    /// <summary>Every chunk size from the smallest to one past the input, so every byte is once the last of a chunk.</summary>
    private static void AgreesAtEveryChunkSize(string text) => AgreesAtEveryChunkSize(Encoding.UTF8.GetBytes(text));

    private static void AgreesAtEveryChunkSize(byte[] input, string? expected = null)
    {
        var reference = Expected(input);
        if (expected is not null) Assert.Equal(expected, reference);
        Assert.Equal(reference, InMemory(input));
        for (var chunk = 16; chunk <= input.Length + 1; chunk++)
        {
            var streamed = Streamed(input, chunk);
            if (streamed != reference) Assert.Fail($"chunk size {chunk}: expected {reference}, streamed {streamed}");
        }
    }

    private static string Certificates(string separator) => separator + string.Join(separator, Pems.Value) + separator;

    [Fact]
    public void Multi_byte_characters_cut_by_a_chunk_are_read_whole()
    {
        // 2, 3 and 4-byte UTF-8 (é, क, €, 😀) between and around the blocks: every cut of each one is some chunk's end.
        AgreesAtEveryChunkSize(Certificates(Text + Text + "\n"));
        Assert.StartsWith("ok ", Expected(Encoding.UTF8.GetBytes(Certificates(Text))));
    }

    [Fact]
    public void Invalid_utf8_anywhere_is_found_at_every_chunk_size()
    {
        var pem = Certificates(Text);
        const string notPem = "error in.pem: not PEM text or a DER certificate (binary data that is not valid DER)";
        var bytes = Encoding.UTF8.GetBytes(pem);
        // A sequence cut short at the very end, a lone continuation byte, a bad second byte, an encoded surrogate.
        AgreesAtEveryChunkSize([.. bytes, 0xF0, 0x9F, 0x98], notPem);
        AgreesAtEveryChunkSize([.. bytes[..900], 0x80, .. bytes[900..]], notPem);
        AgreesAtEveryChunkSize([.. bytes[..1200], 0xC3, 0x28, .. bytes[1200..]], notPem);
        AgreesAtEveryChunkSize([.. "# "u8, 0xED, 0xA0, 0x80, .. bytes], notPem);
    }

    [Fact]
    public void Input_of_nothing_but_continuation_bytes_is_not_pem()
    {
        var input = Enumerable.Repeat((byte)0x80, 200).ToArray();
        Assert.Equal("error in.pem: not PEM text or a DER certificate (binary data that is not valid DER)", Streamed(input, 16));
        Assert.Equal(Expected(input), Streamed(input, 16));
    }

    public static TheoryData<string> Broken => new()
    {
        "begin-line-without-dashes",
        "empty-label",
        "label-newline",
        "label-cr",
        "empty-body",
        "whitespace-body",
        "body-starting-with-dash",
        "body-starting-with-colon",
        "certificate-with-headers",
        "key-with-headers",
        "key-with-begin-in-a-header",
        "headers-then-dash",
        "headers-then-base64-with-dash",
        "truncated-certificate",
        "dashes-without-colon",
        "unterminated",
    };

    private static string BrokenCase(string name)
    {
        var der = Convert.FromBase64String(string.Concat(Pems.Value[1].Split('\n').Where(l => l.Length > 0 && !l.StartsWith('-'))));
        return name switch
        {
            "begin-line-without-dashes" => "-----BEGIN CERTIFICATE\nAAAA\n-----END CERTIFICATE-----\n",
            "empty-label" => "-----BEGIN -----\nAAAA\n-----END -----\n",
            "label-newline" => "-----BEGIN \n-----\nAAAA\n-----END \n-----\n",
            "label-cr" => "-----BEGIN \r-----\nAAAA\n-----END \r-----\n",
            "empty-body" => "-----BEGIN CERTIFICATE----------END CERTIFICATE-----\n",
            "whitespace-body" => "-----BEGIN CERTIFICATE-----\n \n-----END CERTIFICATE-----\n",
            "body-starting-with-dash" => "-----BEGIN CERTIFICATE------\nAAAA\n-----END CERTIFICATE-----\n",
            "body-starting-with-colon" => "-----BEGIN CERTIFICATE-----:\nAAAA\n-----END CERTIFICATE-----\n",
            "certificate-with-headers" => "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END CERTIFICATE-----\n",
            "key-with-headers" => "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END EC PRIVATE KEY-----\n",
            "key-with-begin-in-a-header" => "-----BEGIN EC PRIVATE KEY-----\nX-Note: -----BEGIN FOO-----\n\nAAAA\n-----END EC PRIVATE KEY-----\n",
            "headers-then-dash" => "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n-AAAA\n-----END EC PRIVATE KEY-----\n",
            "headers-then-base64-with-dash" => "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAA-AA\n-----END EC PRIVATE KEY-----\n",
            "truncated-certificate" => PemText.Write("CERTIFICATE", der[..^10]),
            "dashes-without-colon" => "-----BEGIN CERTIFICATE-----\nAA-AA\n-----END CERTIFICATE-----\n",
            _ => "-----BEGIN CERTIFICATE-----\nAAAA\n",
        };
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_block_between_certificates_fails_alike_at_every_chunk_size(string name)
    {
        var broken = BrokenCase(name);
        AgreesAtEveryChunkSize("# a comment " + Text + "\n" + Pems.Value[0] + broken + Pems.Value[2]);
        AgreesAtEveryChunkSize(broken + Pems.Value[0]);
    }

    [Fact]
    public void Each_broken_block_gets_the_message_of_its_kind()
    {
        string Error(string name) => Expected(Encoding.UTF8.GetBytes("x\n" + BrokenCase(name)))["error in.pem: ".Length..];
        const string incomplete = "is not a complete PEM block (truncated, bad base64 or mismatched END line)";
        Assert.Equal($"block 1 ('-----BEGIN CERTIFICATE') {incomplete}", Error("begin-line-without-dashes"));
        Assert.Equal($"block 1 ('-----BEGIN -----') {incomplete}", Error("empty-label"));
        Assert.Equal($"block 1 ('-----BEGIN') {incomplete}", Error("label-newline"));
        Assert.Equal($"block 1 ('-----BEGIN') {incomplete}", Error("label-cr"));
        Assert.Equal("block 1 ('CERTIFICATE') has invalid base64", Error("empty-body"));
        Assert.Equal("block 1 ('CERTIFICATE') has invalid base64", Error("whitespace-body"));
        Assert.Equal($"block 1 ('-----BEGIN CERTIFICATE------') {incomplete}", Error("body-starting-with-dash"));
        Assert.Equal($"block 1 ('-----BEGIN CERTIFICATE-----:') {incomplete}", Error("body-starting-with-colon"));
        Assert.Equal("block 1 ('CERTIFICATE') has PEM headers (Proc-Type); a certificate block must not carry headers", Error("certificate-with-headers"));
        Assert.Equal("block 1 is 'EC PRIVATE KEY'; only CERTIFICATE blocks are allowed (a private key does not belong in a certificate file)",
            Error("key-with-headers"));
        Assert.Equal("block 1 is 'EC PRIVATE KEY'; only CERTIFICATE blocks are allowed (a private key does not belong in a certificate file)",
            Error("key-with-begin-in-a-header"));
        Assert.Equal($"block 1 ('-----BEGIN EC PRIVATE KEY-----') {incomplete}", Error("headers-then-dash"));
        Assert.Equal($"block 1 ('-----BEGIN EC PRIVATE KEY-----') {incomplete}", Error("headers-then-base64-with-dash"));
        Assert.StartsWith("block 1: not a valid X.509 certificate", Error("truncated-certificate"));
        Assert.Equal($"block 1 ('-----BEGIN CERTIFICATE-----') {incomplete}", Error("dashes-without-colon"));
        Assert.Equal($"block 1 ('-----BEGIN CERTIFICATE-----') {incomplete}", Error("unterminated"));
    }

    [Fact]
    public void Large_blocks_decode_in_one_piece()
    {
        // Bodies longer than the reused 4,096-character buffers, with and without line breaks, before a certificate.
        foreach (var size in new[] { 5_000, 70_000 })
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            var lines = PemText.Write("BLOB", bytes);
            var oneLine = $"-----BEGIN BLOB-----\n{Convert.ToBase64String(bytes)}\n-----END BLOB-----\n";
            foreach (var text in new[] { lines, oneLine, lines.Replace("BLOB", "CERTIFICATE", StringComparison.Ordinal) })
            {
                var input = Encoding.UTF8.GetBytes(text + Pems.Value[0]);
                var expected = Expected(input);
                Assert.Matches("^error in.pem: block 1", expected);
                Assert.Equal(expected, InMemory(input));
                foreach (var chunk in new[] { 16, 1000, 4096, 1 << 20 }) Assert.Equal(expected, Streamed(input, chunk));
            }
        }
    }

    [Fact]
    public void A_large_certificate_body_on_one_line_decodes()
    {
        var der = Convert.FromBase64String(string.Concat(Pems.Value[0].Split('\n').Where(l => l.Length > 0 && !l.StartsWith('-'))));
        var filler = $"-----BEGIN CERTIFICATE-----\n{Convert.ToBase64String(der)}\n-----END CERTIFICATE-----\n";
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(filler, 3)));
        Assert.Equal(Expected(input), Streamed(input, 16));
        Assert.StartsWith("ok ", Expected(input));
    }

    /// <summary>A stream that records how far it has been read and the largest read asked of it.</summary>
    private sealed class WatchedStream(byte[] data) : MemoryStream(data)
    {
        public int Reads { get; private set; }
        public int LargestRequest { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            LargestRequest = Math.Max(LargestRequest, count);
            return base.Read(buffer, offset, count);
        }
    }

    [Fact]
    public void Certificates_are_handed_over_while_the_stream_is_still_being_read()
    {
        // Memory stays flat: each certificate is visited once the chunk holding it is in, with one chunk-sized buffer.
        const int chunk = 4096;
        var pem = string.Concat(Enumerable.Range(0, 60).Select(i => Pems.Value[i % 3]));
        var input = Encoding.UTF8.GetBytes(pem);
        var ends = new List<long>();
        for (var at = pem.IndexOf("-----END", StringComparison.Ordinal); at >= 0; at = pem.IndexOf("-----END", at + 1, StringComparison.Ordinal))
            ends.Add(at + "-----END CERTIFICATE-----".Length);
        var stream = new WatchedStream(input);
        var readWhenVisited = new List<long>();
        CertificatePemScanner.Read(stream, "in.pem", (_, _) => readWhenVisited.Add(stream.Position), chunk);
        Assert.Equal(60, readWhenVisited.Count);
        for (var i = 0; i < 60; i++) Assert.InRange(readWhenVisited[i], ends[i], ends[i] + chunk);
        Assert.Equal(chunk, stream.LargestRequest);
    }

    [Fact]
    public void A_block_many_chunks_long_doubles_the_buffer_instead_of_growing_it_by_a_chunk()
    {
        var bytes = new byte[48 * 1024];
        new Random(1).NextBytes(bytes);
        var input = Encoding.UTF8.GetBytes(PemText.Write("BLOB", bytes) + Pems.Value[0]);
        var stream = new WatchedStream(input);
        var e = Assert.Throws<TrustInputException>(() => CertificatePemScanner.Read(stream, "in.pem", (_, _) => { }, 1024));
        Assert.Equal("in.pem: block 1 is 'BLOB'; only CERTIFICATE blocks are allowed", e.Message);
        // 64 KiB in 1 KiB chunks: doubling needs about seven reads (one per size), growing by a chunk about sixty.
        Assert.InRange(stream.Reads, 2, 12);
    }

    [Fact]
    public void A_der_certificate_streamed_in_small_chunks_is_read_whole()
    {
        var der = Pki.Anchor().Certificate;
        var seen = new List<string>();
        CertificatePemScanner.Read(new MemoryStream(der.Der.ToArray()), "c.der", (_, d) => seen.Add(CertificateInfo.ParseOwned(d.ToArray()).Fingerprint), 16);
        Assert.Equal([der.Fingerprint], seen);
    }

    [Fact]
    public void Chunks_smaller_than_16_bytes_are_a_programmer_mistake()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CertificatePemScanner.Read(new MemoryStream([1]), "s", (_, _) => { }, 15));
        Assert.Equal("chunkSize", e.ParamName);
        CertificatePemScanner.Read(new MemoryStream(Encoding.UTF8.GetBytes(Pems.Value[0])), "s", (_, _) => { }, 16);
    }
}
