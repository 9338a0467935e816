using Trust.Findings;

namespace Trust.Pem;

/// <summary>
/// The PEM blocks of a text, read leniently (any line endings, indentation, text between blocks) so callers can be
/// strict about what the blocks are. Whether Linkerd reads the same text is <see cref="Validation.LinkerdPem"/>'s call.
/// </summary>
internal sealed class PemBlocks
{
    private const string Begin = "-----BEGIN ";
    private const string Dashes = "-----";

    private PemBlocks(IReadOnlyList<PemBlock> blocks) => Blocks = blocks;

    /// <summary>The well-formed blocks in order.</summary>
    public IReadOnlyList<PemBlock> Blocks { get; }

    /// <summary>
    /// Splits <paramref name="text"/> into PEM blocks (RFC 7468: BEGIN line, base64 body with any whitespace, END
    /// line with the same label). RFC 1421 encapsulated headers before the base64 (legacy encrypted keys) are read
    /// into <see cref="PemBlock.Headers"/>; a CERTIFICATE block must have none. A BEGIN line without a well-formed block
    /// after it (truncated, bad base64, mismatched END, malformed headers) is an error naming <paramref name="source"/>
    /// and the block number.
    /// </summary>
    public static PemBlocks Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<PemBlock>();
        var position = 0;
        var span = text.AsSpan();
        while (true)
        {
            var found = span[position..].IndexOf(Begin, StringComparison.Ordinal);
            if (found < 0) break;
            var begin = position + found;
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
            // One scan decides the common case: a plain base64 body has neither '-' nor ':'.
            if (body.IndexOfAny('-', ':') < 0)
            {
                blocks.Add(new PemBlock(index, label, Decode(body, source, index, label)));
            }
            else
            {
                // Headers (legacy encrypted keys) or a BEGIN/END of another block inside: the rare, slower path.
                // ReadHeaders finds the block broken when no 'Name: value' line opens the body.
                var base64Start = ReadHeaders(body, source, index, label, span[begin..], out var headers);
                if (body[base64Start..].IndexOfAny('-', ':') >= 0) throw Broken(source, index, span[begin..]);
                if (label == "CERTIFICATE")
                    throw CertificateWithHeaders(source, index, headers);
                blocks.Add(new PemBlock(index, label, Decode(body[base64Start..], source, index, label), headers.AsReadOnly()));
            }
            position = bodyStart + bodyLength + endMarker.Length;
        }
        return new PemBlocks(blocks);
    }

    /// <summary>
    /// Reads RFC 1421 encapsulated headers (section 4.4: <c>Name: value</c> lines, folded lines start with whitespace,
    /// a blank line before the base64) from the start of <paramref name="body"/>; returns where the base64 starts.
    /// </summary>
    internal static int ReadHeaders(ReadOnlySpan<char> body, string source, int index, string label, ReadOnlySpan<char> block,
        out List<KeyValuePair<string, string>> headers)
    {
        headers = [];
        var lineEnd = body.IndexOf('\n');
        if (lineEnd < 0 || !body[..lineEnd].IsWhiteSpace()) throw Broken(source, index, block);
        var offset = lineEnd + 1;
        while (true)
        {
            lineEnd = body[offset..].IndexOf('\n');
            if (lineEnd < 0)
            {
                if (headers.Count == 0) throw Broken(source, index, block);
                throw Malformed(source, index, label, "its PEM headers are not followed by a blank line and the base64 body");
            }
            var line = body.Slice(offset, lineEnd).TrimEnd();
            offset += lineEnd + 1;
            if (line.IsEmpty)
            {
                if (headers.Count > 0) return offset;
                continue;
            }
            if (line[0] is ' ' or '\t')
            {
                if (headers.Count == 0) throw Broken(source, index, block);
                var (name, value) = headers[^1];
                headers[^1] = new(name, $"{value} {line.Trim()}");
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon < 0 || line.StartsWith(Dashes, StringComparison.Ordinal))
            {
                // Before the first header this is base64 or another block's BEGIN/END line: a broken block, not a header.
                if (headers.Count == 0) throw Broken(source, index, block);
                throw Malformed(source, index, label, $"PEM header line '{Shorten(line.ToString())}' is not 'Name: value' (headers end with a blank line)");
            }
            var field = line[..colon];
            if (field.IsEmpty || field.ContainsAnyExceptInRange('!', '~'))
                throw Malformed(source, index, label, $"PEM header name '{Shorten(field.ToString())}' is not printable ASCII without spaces");
            headers.Add(new(field.ToString(), line[(colon + 1)..].Trim().ToString()));
        }
    }

    internal static TrustInputException CertificateWithHeaders(string source, int index, List<KeyValuePair<string, string>> headers) =>
        TrustInputException.At(source, FindingIds.PemMalformed,
            $"block {index} ('CERTIFICATE') has PEM headers ({Shorten(string.Join(", ", headers.Select(h => h.Key)))}); a certificate block must not carry headers");

    internal static TrustInputException InvalidBase64(string source, int index, string label) =>
        TrustInputException.At(source, FindingIds.PemMalformed, $"block {index} ('{label}') has invalid base64");

    private static TrustInputException Malformed(string source, int index, string label, string problem) =>
        TrustInputException.At(source, FindingIds.PemMalformed, $"block {index} ('{label}'): {problem}");

    internal static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    internal static byte[] Decode(ReadOnlySpan<char> body, string source, int index, string label)
    {
        var size = body.Length / 4 * 3 + 3;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        try
        {
            if (!Convert.TryFromBase64Chars(body, rented, out var written) || written == 0)
                throw InvalidBase64(source, index, label);
            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static TrustInputException Broken(string source, int index, ReadOnlySpan<char> from)
    {
        var end = from.IndexOfAny('\r', '\n');
        var header = Shorten((end < 0 ? from : from[..end]).ToString().Trim());
        return TrustInputException.At(source, FindingIds.PemMalformed, $"block {index} ('{header}') is not a complete PEM block (truncated, bad base64 or mismatched END line)");
    }
}
