using System.Buffers;
using System.Buffers.Text;

namespace Trust.Pem;

/// <summary>
/// Go's <c>encoding/pem.Decode</c>, the reader under Linkerd's certificate parsing, rule for rule: a BEGIN line counts
/// only at the start of the input or of a line; the first <c>\n-----END </c> closes the last BEGIN before it; lines
/// end in LF or CRLF (a lone CR is not a line end); <c>Name: value</c> lines after BEGIN are headers; the END line must
/// repeat the type and carry nothing but spaces and tabs after it; the body is strict padded base64 once spaces, tabs,
/// CR and LF are dropped. A candidate that breaks a rule is passed over and the search goes on after its END line, as
/// Go does since its linear-time Decode (Go 1.24.8 / 1.25.2). Works on bytes, as Go does: no text decoding.
/// tests/interop/pem runs Go itself on the same inputs and must agree.
/// </summary>
internal static class GoPemDecoder
{
    /// <summary>One decoded block.</summary>
    /// <param name="Type">The text between <c>-----BEGIN </c> and the final <c>-----</c> of the BEGIN line, as bytes.</param>
    /// <param name="Bytes">The decoded body.</param>
    /// <param name="HasHeaders">True when <c>Name: value</c> lines stood before the body.</param>
    /// <param name="Begin">Offset of the block's <c>-----BEGIN </c>.</param>
    /// <param name="Next">Offset where the rest of the input starts (after the END line and its line break).</param>
    internal readonly record struct Block(byte[] Type, byte[] Bytes, bool HasHeaders, int Begin, int Next);

    private static ReadOnlySpan<byte> BeginMarker => "-----BEGIN "u8;
    private static ReadOnlySpan<byte> EndMarker => "\n-----END "u8;
    private static ReadOnlySpan<byte> Dashes => "-----"u8;

    /// <summary>Decodes the first block at or after <paramref name="from"/>; false when Go's Decode returns nil.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, int from, out Block block)
    {
        block = default;
        var rest = from;    // where Go's `rest` starts, as an offset into data
        var skip = 0;       // Go's endTrailerIndex: relative to rest
        while (true)
        {
            if (skip < 0 || skip > data.Length - rest) return false;
            rest += skip;
            var endIndex = data[rest..].IndexOf(EndMarker);
            if (endIndex < 0) return false;
            skip = endIndex + EndMarker.Length;
            var beginIndex = data.Slice(rest, endIndex).LastIndexOf(BeginMarker);
            if (beginIndex < 0 || (beginIndex > 0 && data[rest + beginIndex - 1] != '\n')) continue;
            var begin = rest + beginIndex;
            Advance(beginIndex + BeginMarker.Length, ref rest, ref endIndex, ref skip);

            var typeLine = Line(data[rest..], out var consumed);
            var typeStart = rest;
            Advance(consumed, ref rest, ref endIndex, ref skip);
            if (!typeLine.EndsWith(Dashes)) continue;
            var type = data.Slice(typeStart, typeLine.Length - Dashes.Length);

            var headers = false;
            while (true)
            {
                if (rest == data.Length) return false;
                var line = Line(data[rest..], out consumed);
                if (line.IndexOf((byte)':') < 0) break;
                headers = true;
                Advance(consumed, ref rest, ref endIndex, ref skip);
            }
            // With headers there must be a line break between them and the END line.
            if (headers && endIndex < 0) continue;

            var trailerStart = rest + skip;
            var trailerLength = type.Length + Dashes.Length;
            if (data.Length - trailerStart < trailerLength) continue;
            var trailer = data.Slice(trailerStart, trailerLength);
            if (!trailer.StartsWith(type) || !trailer.EndsWith(Dashes)) continue;
            if (Line(data[(trailerStart + trailerLength)..], out _).Length != 0) continue;

            var bytes = Array.Empty<byte>();
            if (endIndex > 0 && !TryDecodeBase64(data.Slice(rest, endIndex), out bytes)) continue;

            // endIndex can be -1: an END line right after the BEGIN line, its leading '\n' being the BEGIN line's end.
            var afterEnd = rest + endIndex + EndMarker.Length - 1;
            Line(data[afterEnd..], out consumed);
            block = new Block(type.ToArray(), bytes, headers, begin, afterEnd + consumed);
            return true;
        }
    }

    private static void Advance(int by, ref int rest, ref int endIndex, ref int skip)
    {
        rest += by;
        endIndex -= by;
        skip -= by;
    }

    /// <summary>Go's getLine: up to the first LF (a CR right before it dropped), trailing spaces and tabs trimmed.</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> data, out int consumed)
    {
        var i = data.IndexOf((byte)'\n');
        if (i < 0)
        {
            consumed = data.Length;
            i = data.Length;
        }
        else
        {
            consumed = i + 1;
            if (i > 0 && data[i - 1] == '\r') i--;
        }
        return data[..i].TrimEnd(" \t"u8);
    }

    /// <summary>
    /// Go's base64.StdEncoding.Decode after pem removed spaces and tabs: CR and LF are skipped anywhere, everything else
    /// must be standard base64 with its '=' padding.
    /// </summary>
    private static bool TryDecodeBase64(ReadOnlySpan<byte> body, out byte[] bytes)
    {
        bytes = [];
        var rented = ArrayPool<byte>.Shared.Rent(body.Length);
        try
        {
            var length = 0;
            foreach (var b in body)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) rented[length++] = b;
            if (length == 0) return true;
            if (length % 4 != 0) return false;
            var output = new byte[Base64.GetMaxDecodedFromUtf8Length(length)];
            if (Base64.DecodeFromUtf8(rented.AsSpan(0, length), output, out _, out var written) != OperationStatus.Done) return false;
            bytes = written == output.Length ? output : output[..written];
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
