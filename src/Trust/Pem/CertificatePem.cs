using System.Text;
using Trust.Certificates;
using Trust.Findings;

namespace Trust.Pem;

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
    /// <exception cref="TrustInputException">The text holds no certificate, a block of another kind, or a malformed block or certificate.</exception>
    public static IReadOnlyList<CertificateInfo> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var blocks = PemBlocks.Read(text, source).Blocks;
        if (blocks.Count == 0) throw NoCertificate(source);
        var certificates = new List<CertificateInfo>(blocks.Count);
        foreach (var block in blocks) certificates.Add(Decode(block, source));
        return certificates;
    }

    /// <summary>Parses one CERTIFICATE block, or explains why not.</summary>
    internal static CertificateInfo Decode(PemBlock block, string source)
    {
        if (block.Label != "CERTIFICATE") throw NotACertificate(source, block.Index, block.Label);
        try
        {
            return CertificateInfo.ParseOwned(block.Der);
        }
        catch (TrustInputException e)
        {
            throw InBlock(source, block.Index, e);
        }
    }

    /// <summary>The error for a block of another kind than CERTIFICATE.</summary>
    internal static TrustInputException NotACertificate(string source, int index, string label)
    {
        var hint = Trust.Keys.PrivateKeyPem.IsPrivateKeyLabel(label) ? " (a private key does not belong in a certificate file)" : "";
        return TrustInputException.At(source, FindingIds.PemUnexpectedBlock, $"block {index} is '{label}'; only CERTIFICATE blocks are allowed{hint}");
    }

    /// <summary>A certificate's parse error, placed in its block.</summary>
    internal static TrustInputException InBlock(string source, int index, TrustInputException e) =>
        TrustInputException.At(source, e.Finding.Id, $"block {index}: {e.Finding.Message}");

    /// <summary>A binary (DER) input's parse error.</summary>
    internal static TrustInputException InBinary(string source, TrustInputException e) =>
        TrustInputException.At(source, e.Finding.Id, $"binary content: {e.Finding.Message}");

    /// <summary>The error for bytes that are neither UTF-8 text nor DER.</summary>
    internal static TrustInputException NotPemOrDer(string source) =>
        TrustInputException.At(source, FindingIds.NotPemOrDer, "not PEM text or a DER certificate (binary data that is not valid DER)");

    /// <summary>The error for an empty input.</summary>
    internal static TrustInputException Empty(string source) =>
        TrustInputException.At(source, FindingIds.PemNoCertificate, "is empty: no certificate", NoCertificateRemedy);

    /// <summary>The error for a text without any PEM block.</summary>
    internal static TrustInputException NoCertificate(string source) =>
        TrustInputException.At(source, FindingIds.PemNoCertificate, "no CERTIFICATE block found", NoCertificateRemedy);

    private static readonly Remedy NoCertificateRemedy =
        new(RemedyAction.FixInput, "give the certificates as PEM text (-----BEGIN CERTIFICATE----- blocks) or one DER certificate");

    /// <summary>
    /// Reads certificates from file or object contents (PEM text, or a single DER certificate) one at a time, handing
    /// each to <paramref name="visit"/> in order and keeping none: memory stays flat however many there are. Accepts and
    /// rejects exactly what <see cref="ReadBytes"/> does; an error may come after some certificates were visited, so
    /// collect before acting when a partial result must not show. Returns how many were visited.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="visit"/> is null.</exception>
    /// <exception cref="TrustInputException">As <see cref="ReadBytes"/>.</exception>
    public static int ForEach(ReadOnlyMemory<byte> content, string source, Action<CertificateInfo> visit)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(visit);
        return Visit(handler => CertificatePemScanner.Read(content, source, handler), visit);
    }

    /// <summary>Like <see cref="ForEach(ReadOnlyMemory{byte}, string, Action{CertificateInfo})"/>, reading
    /// <paramref name="content"/> to its end in chunks; the stream's own exceptions (I/O, a size limit) pass through.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="content"/>, <paramref name="source"/> or <paramref name="visit"/> is null.</exception>
    /// <exception cref="TrustInputException">As <see cref="ReadBytes"/>.</exception>
    public static int ForEach(Stream content, string source, Action<CertificateInfo> visit)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(visit);
        return Visit(handler => CertificatePemScanner.Read(content, source, handler), visit);
    }

    private static int Visit(Action<CertificateDerHandler> scan, Action<CertificateInfo> visit)
    {
        var count = 0;
        scan((_, der) =>
        {
            visit(CertificateInfo.ParseOwned(der.ToArray()));
            count++;
        });
        return count;
    }

    /// <summary>
    /// Reads certificates from file or object contents: PEM text, or a single DER certificate.
    /// </summary>
    /// <exception cref="TrustInputException">The content is not PEM certificates or one DER certificate; the finding names <paramref name="source"/>.</exception>
    public static IReadOnlyList<CertificateInfo> ReadBytes(ReadOnlyMemory<byte> content, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (content.IsEmpty) throw Empty(source);
        if (content.Span[0] == 0x30 && content.Span.IndexOf("-----BEGIN"u8) < 0)
        {
            try { return [CertificateInfo.Parse(content)]; }
            catch (TrustInputException e) { throw InBinary(source, e); }
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content.Span);
        }
        catch (DecoderFallbackException)
        {
            throw NotPemOrDer(source);
        }
        return Read(text, source);
    }

    /// <summary>Like <see cref="ReadBytes"/>, returning the problem as a finding instead of throwing.</summary>
    public static ReadResult<IReadOnlyList<CertificateInfo>> TryReadBytes(ReadOnlyMemory<byte> content, string source) =>
        ReadResult.Catch(() => ReadBytes(content, source));

    /// <summary>Like <see cref="Read"/>, returning the problem as a finding instead of throwing.</summary>
    public static ReadResult<IReadOnlyList<CertificateInfo>> TryRead(string text, string source) =>
        ReadResult.Catch(() => Read(text, source));

    /// <summary>
    /// Writes certificates the way Linkerd's parser wants them: only CERTIFICATE blocks, 64-column base64,
    /// LF line endings, exactly one trailing newline.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificates"/> is null.</exception>
    public static string Write(IEnumerable<ReadOnlyMemory<byte>> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return PemText.Write("CERTIFICATE", certificates as IReadOnlyList<ReadOnlyMemory<byte>> ?? certificates.ToList());
    }

    /// <summary>Writes parsed certificates (see <see cref="Write(IEnumerable{ReadOnlyMemory{byte}})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificates"/> is null.</exception>
    public static string Write(IEnumerable<CertificateInfo> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var list = certificates as IReadOnlyList<CertificateInfo> ?? certificates.ToList();
        var ders = new ReadOnlyMemory<byte>[list.Count];
        for (var i = 0; i < ders.Length; i++) ders[i] = list[i].Der;
        return PemText.Write("CERTIFICATE", ders);
    }
}
