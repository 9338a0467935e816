using Trust.Findings;

namespace Trust.Pem;

/// <summary>
/// The PEM blocks of a text plus what surrounds them, so callers can be strict (reject stray blocks) and
/// lint text the way Linkerd's parser will read it.
/// </summary>
internal sealed class PemBlocks
{
    private const string Begin = "-----BEGIN ";
    private const string Dashes = "-----";

    private PemBlocks(IReadOnlyList<PemBlock> blocks, bool strayText, string trailing, bool crlf)
    {
        Blocks = blocks;
        HasStrayText = strayText;
        TrailingText = trailing;
        HasCrLf = crlf;
    }

    /// <summary>The well-formed blocks in order.</summary>
    public IReadOnlyList<PemBlock> Blocks { get; }

    /// <summary>True when non-whitespace text stands before or between blocks (comments, <c>openssl x509 -text</c> output).</summary>
    public bool HasStrayText { get; }

    /// <summary>Everything after the last END line.</summary>
    public string TrailingText { get; }

    /// <summary>True when the text uses CRLF line endings.</summary>
    public bool HasCrLf { get; }

    /// <summary>
    /// Splits <paramref name="text"/> into PEM blocks (RFC 7468: BEGIN line, base64 body with any whitespace, END
    /// line with the same label). A BEGIN line without a well-formed block after it (truncated, bad base64, mismatched
    /// END, PEM headers) is an error naming <paramref name="source"/> and the block number.
    /// </summary>
    public static PemBlocks Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<PemBlock>();
        var stray = false;
        var position = 0;
        var span = text.AsSpan();
        while (true)
        {
            var found = span[position..].IndexOf(Begin, StringComparison.Ordinal);
            if (found < 0) break;
            var begin = position + found;
            if (!span[position..begin].IsWhiteSpace()) stray = true;
            var index = blocks.Count + 1;
            var labelStart = begin + Begin.Length;
            var labelLength = span[labelStart..].IndexOf(Dashes, StringComparison.Ordinal);
            var label = labelLength < 0 ? ""
                : span.Slice(labelStart, labelLength).SequenceEqual("CERTIFICATE") ? "CERTIFICATE"
                : text.Substring(labelStart, labelLength);
            if (labelLength <= 0 || label.AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw Broken(source, index, span[begin..]);
            var bodyStart = labelStart + labelLength + Dashes.Length;
            var endMarker = label == "CERTIFICATE" ? "-----END CERTIFICATE-----" : $"-----END {label}-----";
            var bodyLength = span[bodyStart..].IndexOf(endMarker, StringComparison.Ordinal);
            if (bodyLength < 0) throw Broken(source, index, span[begin..]);
            var body = span.Slice(bodyStart, bodyLength);
            if (body.Contains('-')) throw Broken(source, index, span[begin..]); // a BEGIN or END of another block inside
            if (body.Contains(':'))
                throw TrustInputException.At(source, FindingIds.PemMalformed, $"block {index} ('{label}') has PEM headers (legacy RFC 1423 encryption?), which are not supported");
            blocks.Add(new PemBlock(index, label, Decode(body, source, index, label)));
            position = bodyStart + bodyLength + endMarker.Length;
        }
        var trailing = text[position..];
        if (blocks.Count > 0 && !trailing.AsSpan().IsWhiteSpace()) stray = true;
        return new PemBlocks(blocks, stray, trailing, text.Contains("\r\n", StringComparison.Ordinal));
    }

    private static byte[] Decode(ReadOnlySpan<char> body, string source, int index, string label)
    {
        var size = body.Length / 4 * 3 + 3;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        try
        {
            if (!Convert.TryFromBase64Chars(body, rented, out var written) || written == 0)
                throw TrustInputException.At(source, FindingIds.PemMalformed, $"block {index} ('{label}') has invalid base64");
            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static TrustInputException Broken(string source, int index, ReadOnlySpan<char> from)
    {
        var end = from.IndexOfAny('\r', '\n');
        var header = (end < 0 ? from : from[..end]).ToString().Trim();
        if (header.Length > 80) header = header[..80] + "…";
        return TrustInputException.At(source, FindingIds.PemMalformed, $"block {index} ('{header}') is not a complete PEM block (truncated, bad base64 or mismatched END line)");
    }
}
