using System.Text;
using Trust.Certificates;
using Trust.Pem;

namespace Trust.Validation;

/// <summary>
/// Reads certificate text exactly as Linkerd does, to tell whether Linkerd can use what we can read. Linkerd's
/// pkg/tls/codec.go <c>DecodePEMCertificates</c> calls Go's <c>pem.Decode</c> until no input is left: a nil block
/// fails with <c>not a PEM certificate</c> (so anything but blank-free text after the last END line fails), the first
/// block that is not CERTIFICATE silently ends the reading, a certificate Go cannot parse fails. The identity
/// controller (<c>DecodePEMCertPool</c>) and the issuer reader (<c>DecodePEMCrt</c>) then fail with
/// <c>No certificates found</c> when nothing was read. tests/interop/pem holds the Go program that checks this reading
/// against Go itself.
/// </summary>
public static class LinkerdPem
{
    private static ReadOnlySpan<byte> BeginMarker => "-----BEGIN "u8;
    private static ReadOnlySpan<byte> EndMarker => "-----END "u8;
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads <paramref name="content"/> (file or ConfigMap/Secret bytes, as deployed) as Linkerd would.</summary>
    public static LinkerdPemVerdict Read(ReadOnlySpan<byte> content)
    {
        var certificates = new List<CertificateInfo>();
        string? ignored = null;
        var position = 0;
        while (position < content.Length)
        {
            if (!GoPemDecoder.TryDecode(content, position, out var block))
                return Verdict(LinkerdPemOutcome.NotPem, certificates, "not a PEM certificate",
                    $"Linkerd fails with 'not a PEM certificate'{After(certificates)}: {WhyNoBlock(content, position)}");
            ignored ??= WhyPassedOver(content, position, block.Begin);
            if (!block.Type.AsSpan().SequenceEqual("CERTIFICATE"u8))
            {
                var stop = $"block {Ordinal(content, block.Begin)} is '{Text(block.Type)}', and Linkerd stops reading at the first block that is not CERTIFICATE";
                if (certificates.Count == 0)
                    return Verdict(LinkerdPemOutcome.NoCertificates, certificates, "No certificates found",
                        $"Linkerd fails with 'No certificates found': {stop}");
                ignored ??= stop;
                break;
            }
            try
            {
                certificates.Add(CertificateInfo.ParseOwned(block.Bytes));
            }
            catch (TrustInputException e)
            {
                return Verdict(LinkerdPemOutcome.CertificateMalformed, certificates, $"x509: {e.Finding.Message}",
                    $"Linkerd fails: block {Ordinal(content, block.Begin)} is a CERTIFICATE block that Go's x509.ParseCertificate refuses ({e.Finding.Message})");
            }
            position = block.Next;
        }
        if (certificates.Count == 0)
            return Verdict(LinkerdPemOutcome.NoCertificates, certificates, "No certificates found",
                "Linkerd fails with 'No certificates found': the text is empty");
        var read = $"Linkerd reads {Count(certificates.Count)}";
        return ignored is null
            ? Verdict(LinkerdPemOutcome.Read, certificates, null, read)
            : Verdict(LinkerdPemOutcome.ReadPartly, certificates, null, $"{read} and ignores the rest of the text: {ignored}");
    }

    /// <summary>Reads <paramref name="text"/>, encoded as UTF-8, as Linkerd would.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static LinkerdPemVerdict Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(Encoding.UTF8.GetBytes(text));
    }

    private static LinkerdPemVerdict Verdict(LinkerdPemOutcome outcome, List<CertificateInfo> certificates, string? error, string explanation) =>
        new(outcome, certificates.AsReadOnly(), error, explanation);

    private static string Count(int n) => n == 1 ? "1 certificate" : $"{n} certificates";

    private static string After(List<CertificateInfo> certificates) =>
        certificates.Count == 0 ? "" : $" after reading {Count(certificates.Count)}";

    /// <summary>Why Go's decoder finds no block in <c>content[position..]</c>, which is not empty.</summary>
    private static string WhyNoBlock(ReadOnlySpan<byte> content, int position)
    {
        var rest = content[position..];
        var begin = rest.IndexOf(BeginMarker);
        if (begin >= 0) return WhyBroken(content, position + begin);
        if (rest.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            return position == 0
                ? "the text holds only whitespace"
                : $"after the last END line and its line break comes more whitespace ({Snippet(rest)}): an extra blank line or trailing spaces";
        if (position == 0)
            return content[0] == 0x30 ? "the content is binary DER, not PEM text; Linkerd reads PEM only" : "the text holds no PEM block (no BEGIN line)";
        return $"text follows the last END line ({Snippet(rest)}); Linkerd skips text before a block, never after the last one";
    }

    /// <summary>Why Go's decoder passed over BEGIN lines in <c>content[from..to]</c>; null when there are none.</summary>
    private static string? WhyPassedOver(ReadOnlySpan<byte> content, int from, int to)
    {
        var begin = content[from..to].IndexOf(BeginMarker);
        return begin < 0 ? null : $"Go's PEM decoder passes over a block: {WhyBroken(content, from + begin)}";
    }

    /// <summary>Why the block whose <c>-----BEGIN </c> is at <paramref name="at"/> is not one Go's decoder can use.</summary>
    private static string WhyBroken(ReadOnlySpan<byte> content, int at)
    {
        var block = $"block {Ordinal(content, at)}";
        var from = content[at..];
        var lineEnd = from.IndexOfAny((byte)'\r', (byte)'\n');
        if (lineEnd >= 0 && from[lineEnd] == '\r' && (lineEnd + 1 == from.Length || from[lineEnd + 1] != '\n'))
            return $"{block}'s lines end in CR alone; Go's PEM decoder ends lines with LF or CRLF only";
        if (at == Bom.Length && content.StartsWith(Bom))
            return $"the text starts with a UTF-8 byte order mark, so {block}'s BEGIN line does not start a line for Go";
        var lineStart = content[..at].LastIndexOf((byte)'\n') + 1;
        var before = content[lineStart..at];
        if (!before.IsEmpty)
            return before.IndexOfAnyExcept(" \t"u8) < 0
                ? $"{block}'s BEGIN line is indented; Go's PEM decoder sees a BEGIN line only at the start of a line"
                : $"{block}'s BEGIN line has text before it on the same line ({Snippet(before)})";
        var typeLine = lineEnd < 0 ? from : from[..lineEnd];
        if (!typeLine.TrimEnd(" \t"u8).EndsWith("-----"u8)) return $"{block}'s BEGIN line does not end in '-----'";
        var end = from.IndexOf(EndMarker);
        if (end < 0) return $"{block} has no END line (truncated)";
        var next = from[1..].IndexOf(BeginMarker) + 1;
        if (next > 0 && next < end) return $"{block} has no END line before the next BEGIN line (truncated)";
        if (from[end - 1] != '\n')
        {
            var endLineStart = from[..end].LastIndexOf((byte)'\n') + 1;
            return from[endLineStart..end].IndexOfAnyExcept(" \t\r"u8) < 0
                ? $"{block}'s END line is indented; Go's PEM decoder sees an END line only at the start of a line"
                : $"{block}'s END line has text before it on the same line";
        }
        var type = typeLine.TrimEnd(" \t"u8)[BeginMarker.Length..^5];
        var endLine = from[(end + EndMarker.Length)..];
        var endLineEnd = endLine.IndexOf((byte)'\n');
        endLine = (endLineEnd < 0 ? endLine : endLine[..endLineEnd]).TrimEnd(" \t\r"u8);
        if (!endLine.StartsWith(type) || endLine.Length < type.Length + 5 || !endLine[type.Length..].StartsWith("-----"u8))
            return $"{block}'s END line does not repeat its BEGIN line's type '{Text(type)}'";
        if (endLine.Length != type.Length + 5) return $"{block}'s END line has text after its closing '-----'";
        return $"{block}'s body is not valid padded base64 (or holds a line Go takes for a PEM header)";
    }

    /// <summary>The block number a user counts: BEGIN lines up to and including the one at <paramref name="at"/>.</summary>
    private static int Ordinal(ReadOnlySpan<byte> content, int at)
    {
        var n = 1;
        for (var before = content[..at]; before.IndexOf(BeginMarker) is var i and >= 0; before = before[(i + 1)..]) n++;
        return n;
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>A short quoted excerpt with line breaks and tabs made visible.</summary>
    private static string Snippet(ReadOnlySpan<byte> bytes)
    {
        var text = Text(bytes.Length > 40 ? bytes[..40] : bytes)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return $"'{text}{(bytes.Length > 40 ? "…" : "")}'";
    }
}
