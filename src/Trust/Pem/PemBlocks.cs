using System.Security.Cryptography;

namespace Trust;

/// <summary>
/// The PEM blocks of a text plus what surrounds them, so callers can be strict (reject stray blocks) and
/// lint text the way Linkerd's parser will read it.
/// </summary>
public sealed class PemBlocks
{
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
    /// Splits <paramref name="text"/> into PEM blocks. A BEGIN line without a well-formed block after it
    /// (truncated, bad base64, mismatched END) is an error naming <paramref name="source"/> and the block number.
    /// </summary>
    public static PemBlocks Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<PemBlock>();
        var stray = false;
        var position = 0;
        while (true)
        {
            var rest = text.AsSpan(position);
            if (!PemEncoding.TryFind(rest, out var fields))
            {
                CheckNoBrokenBlock(rest, source, blocks.Count + 1);
                break;
            }
            var before = rest[..fields.Location.Start];
            CheckNoBrokenBlock(before, source, blocks.Count + 1);
            if (!before.IsWhiteSpace()) stray = true;
            var label = rest[fields.Label].ToString();
            var base64 = rest[fields.Base64Data];
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(base64, der, out var written))
                throw TrustInputException.At(source, $"block {blocks.Count + 1} ('{label}') has invalid base64");
            blocks.Add(new PemBlock(blocks.Count + 1, label, written == der.Length ? der : der[..written]));
            position += fields.Location.End.Value;
        }
        var trailing = text[position..];
        if (blocks.Count > 0 && !trailing.AsSpan().IsWhiteSpace()) stray = true;
        return new PemBlocks(blocks, stray, trailing, text.Contains("\r\n", StringComparison.Ordinal));
    }

    private static void CheckNoBrokenBlock(ReadOnlySpan<char> text, string source, int index)
    {
        var begin = text.IndexOf("-----BEGIN", StringComparison.Ordinal);
        if (begin < 0) return;
        var line = text[begin..];
        var end = line.IndexOfAny('\r', '\n');
        var header = (end < 0 ? line : line[..end]).ToString();
        throw TrustInputException.At(source, $"block {index} ('{header.Trim()}') is not a complete PEM block (truncated, bad base64 or mismatched END line)");
    }
}
