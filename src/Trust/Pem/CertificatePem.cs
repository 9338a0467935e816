using System.Text;
using Trust.Certificates;

namespace Trust;

/// <summary>Reads and writes certificates as PEM text, strictly.</summary>
public static class CertificatePem
{
    /// <summary>Largest input read, 256 MiB: well above a 100,000-anchor bundle, and bounded so a wrong file cannot exhaust memory.</summary>
    public const long MaxInputBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Reads every certificate in <paramref name="text"/>. Any block that is not CERTIFICATE, any certificate that
    /// does not parse, and a text with no certificate at all are errors naming <paramref name="source"/> and the block.
    /// Comments and stray text between blocks are ignored.
    /// </summary>
    public static IReadOnlyList<CertificateInfo> Read(string text, string source)
    {
        var blocks = PemBlocks.Read(text, source).Blocks;
        if (blocks.Count == 0) throw TrustInputException.At(source, "no CERTIFICATE block found");
        var certificates = new List<CertificateInfo>(blocks.Count);
        foreach (var block in blocks) certificates.Add(Decode(block, source));
        return certificates;
    }

    /// <summary>Parses one CERTIFICATE block, or explains why not.</summary>
    public static CertificateInfo Decode(PemBlock block, string source)
    {
        if (block.Label != "CERTIFICATE")
        {
            var hint = Keys.PrivateKeyPem.IsPrivateKeyLabel(block.Label) ? " (a private key does not belong in a certificate file)" : "";
            throw TrustInputException.At(source, $"block {block.Index} is '{block.Label}'; only CERTIFICATE blocks are allowed{hint}");
        }
        try
        {
            return CertificateInfo.ParseOwned(block.Der);
        }
        catch (TrustInputException e)
        {
            throw TrustInputException.At(source, $"block {block.Index}: {e.Message}");
        }
    }

    /// <summary>
    /// Reads certificates from file contents: PEM text, or a single DER certificate.
    /// </summary>
    public static IReadOnlyList<CertificateInfo> ReadBytes(byte[] content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0) throw TrustInputException.At(source, "file is empty");
        if (content[0] == 0x30 && content.AsSpan().IndexOf("-----BEGIN"u8) < 0)
        {
            try { return [CertificateInfo.Parse(content)]; }
            catch (TrustInputException e) { throw TrustInputException.At(source, $"binary content: {e.Message}"); }
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw TrustInputException.At(source, "not PEM text or a DER certificate (binary data that is not valid DER)");
        }
        return Read(text, source);
    }

    /// <summary>
    /// Writes certificates the way Linkerd's parser wants them: only CERTIFICATE blocks, 64-column base64,
    /// LF line endings, exactly one trailing newline.
    /// </summary>
    public static string Write(IEnumerable<ReadOnlyMemory<byte>> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var list = certificates as IReadOnlyList<ReadOnlyMemory<byte>> ?? certificates.ToList();
        long length = 0;
        foreach (var der in list) length += EncodedLength(der.Length);
        if (length > int.MaxValue) throw new ArgumentException("too much PEM for one string", nameof(certificates));
        return string.Create((int)length, list, static (output, items) =>
        {
            var at = 0;
            foreach (var der in items)
            {
                Header.CopyTo(output[at..]);
                at += Header.Length;
                var base64Length = ((der.Length + 2) / 3) * 4;
                // Encode into the tail of this certificate's space, then move it into 64-column lines (CopyTo is overlap-safe).
                var base64 = output.Slice(at + base64Length / 64 + 1, base64Length);
                Convert.TryToBase64Chars(der.Span, base64, out _);
                for (var i = 0; i < base64Length; i += 64)
                {
                    var line = Math.Min(64, base64Length - i);
                    base64.Slice(i, line).CopyTo(output[at..]);
                    at += line;
                    output[at++] = '\n';
                }
                Footer.CopyTo(output[at..]);
                at += Footer.Length;
            }
        });
    }

    private const string Header = "-----BEGIN CERTIFICATE-----\n";
    private const string Footer = "-----END CERTIFICATE-----\n";

    private static long EncodedLength(int derLength)
    {
        long base64 = (derLength + 2L) / 3 * 4;
        return Header.Length + base64 + (base64 + 63) / 64 + Footer.Length;
    }

    /// <summary>Writes parsed certificates (see <see cref="Write(IEnumerable{ReadOnlyMemory{byte}})"/>).</summary>
    public static string Write(IEnumerable<CertificateInfo> certificates) =>
        Write(certificates.Select(c => (ReadOnlyMemory<byte>)c.Der));
}
