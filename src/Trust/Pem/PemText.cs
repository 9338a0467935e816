namespace Trust.Pem;

/// <summary>
/// Writes PEM blocks (RFC 7468 strict form): BEGIN line, base64 in 64-column lines, END line, LF line endings, one
/// trailing newline. One allocation for the whole text.
/// </summary>
internal static class PemText
{
    /// <summary>Writes one block per item, all with <paramref name="label"/>.</summary>
    public static string Write(string label, IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(items);
        long length = 0;
        for (var i = 0; i < items.Count; i++) length += EncodedLength(label, items[i].Length);
        if (length > int.MaxValue) throw new ArgumentException("too much PEM for one string", nameof(items));
        return string.Create((int)length, new State(label, items), static (output, state) =>
        {
            var at = 0;
            for (var n = 0; n < state.Items.Count; n++)
            {
                var der = state.Items[n].Span;
                at += Line(output[at..], "-----BEGIN ", state.Label);
                var base64Length = (der.Length + 2) / 3 * 4;
                // Encode into the tail of this block's space, then move it into 64-column lines (CopyTo is overlap-safe).
                var base64 = output.Slice(at + base64Length / 64 + 1, base64Length);
                Convert.TryToBase64Chars(der, base64, out _);
                for (var i = 0; i < base64Length; i += 64)
                {
                    var line = Math.Min(64, base64Length - i);
                    base64.Slice(i, line).CopyTo(output[at..]);
                    at += line;
                    output[at++] = '\n';
                }
                at += Line(output[at..], "-----END ", state.Label);
            }
        });
    }

    /// <summary>
    /// Writes the same text as <see cref="Write(string, IReadOnlyList{ReadOnlyMemory{byte}})"/>, UTF-8 encoded, to
    /// <paramref name="output"/> through one 64 KiB buffer.
    /// </summary>
    public static void Write(Stream output, string label, IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(items);
        var labelBytes = System.Text.Encoding.UTF8.GetBytes(label);
        var buffer = new byte[1 << 16];
        var used = 0;
        for (var n = 0; n < items.Count; n++)
        {
            var der = items[n].Span;
            var length = EncodedLength(labelBytes.Length, der.Length);
            if (used + length > buffer.Length)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }
            if (length > buffer.Length)
            {
                var large = new byte[length];
                Block(large, labelBytes, der);
                output.Write(large);
                continue;
            }
            used += Block(buffer.AsSpan(used), labelBytes, der);
        }
        output.Write(buffer, 0, used);
    }

    private static int Block(Span<byte> output, ReadOnlySpan<byte> label, ReadOnlySpan<byte> der)
    {
        var at = Line(output, "-----BEGIN "u8, label);
        var base64Length = (der.Length + 2) / 3 * 4;
        // As in the text writer: encode into the tail of the block's space, then move it into 64-column lines.
        var base64 = output.Slice(at + base64Length / 64 + 1, base64Length);
        System.Buffers.Text.Base64.EncodeToUtf8(der, base64, out _, out _);
        for (var i = 0; i < base64Length; i += 64)
        {
            var line = Math.Min(64, base64Length - i);
            base64.Slice(i, line).CopyTo(output[at..]);
            at += line;
            output[at++] = (byte)'\n';
        }
        return at + Line(output[at..], "-----END "u8, label);
    }

    private static int Line(Span<byte> output, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> label)
    {
        prefix.CopyTo(output);
        label.CopyTo(output[prefix.Length..]);
        "-----\n"u8.CopyTo(output[(prefix.Length + label.Length)..]);
        return prefix.Length + label.Length + 6;
    }

    private static int EncodedLength(int labelLength, int derLength)
    {
        var base64 = (derLength + 2L) / 3 * 4;
        return checked((int)("-----BEGIN -----\n".Length + "-----END -----\n".Length + 2L * labelLength + base64 + (base64 + 63) / 64));
    }

    /// <summary>Writes a single block.</summary>
    public static string Write(string label, ReadOnlyMemory<byte> der) => Write(label, [der]);

    private sealed record State(string Label, IReadOnlyList<ReadOnlyMemory<byte>> Items);

    private static int Line(Span<char> output, string prefix, string label)
    {
        prefix.CopyTo(output);
        label.CopyTo(output[prefix.Length..]);
        "-----\n".CopyTo(output[(prefix.Length + label.Length)..]);
        return prefix.Length + label.Length + 6;
    }

    private static long EncodedLength(string label, int derLength)
    {
        long base64 = (derLength + 2L) / 3 * 4;
        return "-----BEGIN -----\n".Length + "-----END -----\n".Length + 2L * label.Length + base64 + (base64 + 63) / 64;
    }
}
