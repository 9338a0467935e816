using System.Text;

namespace Trust.Cli.Files;

/// <summary>
/// A write-only stream that hands UTF-8 bytes to a <see cref="TextWriter"/> (standard output in commands and tests),
/// so a command can stream a large output instead of building one string. A character cut between two writes is
/// completed by the next one.
/// </summary>
internal sealed class TextOutputStream(TextWriter writer) : WriteOnlyStream
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private char[] _chars = [];

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var needed = _decoder.GetCharCount(buffer, flush: false);
        if (_chars.Length < needed) _chars = new char[Math.Max(needed, 4096)];
        var written = _decoder.GetChars(buffer, _chars, flush: false);
        writer.Write(_chars, 0, written);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    public override void Flush() => writer.Flush();
}
