using System.Text;
using System.Text.Unicode;

namespace Trust.Pem;

/// <summary>Receives one certificate's DER; the span is valid only during the call. Throws TrustInputException when the certificate does not parse.</summary>
internal delegate void CertificateDerHandler(int index, ReadOnlySpan<byte> der);

/// <summary>
/// Reads certificate file contents (PEM text or one DER certificate) as bytes, from memory or from a stream in 1 MiB
/// chunks, handing each certificate's DER to a handler: no string of the whole input, no list of parsed certificates.
/// What a bundle of 100,000 certificates or a 256 MiB file needs (issue 8).
/// <para>
/// Accepts and rejects exactly what <see cref="CertificatePem.ReadBytes"/> does, with the same message, chosen the
/// same way: that method decodes the whole text, then splits all of it into blocks, then parses block by block. So
/// here invalid UTF-8 anywhere wins over a broken block, which wins over a block that is not a certificate or does
/// not parse (the first of those); every error is therefore raised only after the whole input has been read.
/// </para>
/// </summary>
internal sealed class CertificatePemScanner
{
    private const int ChunkSize = 1 << 20;
    private static ReadOnlySpan<byte> Begin => "-----BEGIN "u8;
    private static ReadOnlySpan<byte> Dashes => "-----"u8;
    private static ReadOnlySpan<byte> CertificateLabel => "CERTIFICATE"u8;
    private static ReadOnlySpan<byte> CertificateEnd => "-----END CERTIFICATE-----"u8;

    private readonly string _source;
    private readonly CertificateDerHandler _handler;
    private readonly Stream? _stream;
    private readonly int _chunkSize;
    private ReadOnlyMemory<byte> _data;
    private byte[]? _buffer;
    private int _end;
    private int _validated;
    private bool _eof;
    private char[] _chars = [];
    private byte[] _der = [];

    private CertificatePemScanner(string source, CertificateDerHandler handler, Stream? stream, ReadOnlyMemory<byte> content, int chunkSize = ChunkSize)
    {
        _chunkSize = chunkSize;
        _source = source;
        _handler = handler;
        _stream = stream;
        _data = content;
        _end = content.Length;
        _eof = stream is null;
    }

    /// <summary>Reads <paramref name="content"/> (the whole input).</summary>
    /// <exception cref="TrustInputException">As <see cref="CertificatePem.ReadBytes"/>.</exception>
    public static void Read(ReadOnlyMemory<byte> content, string source, CertificateDerHandler handler)
    {
        if (content.IsEmpty) throw CertificatePem.Empty(source);
        if (IsDer(content.Span))
        {
            try { handler(1, content.Span); }
            catch (TrustInputException e) { throw CertificatePem.InBinary(source, e); }
            return;
        }
        if (!Utf8.IsValid(content.Span)) throw CertificatePem.NotPemOrDer(source);
        var scanner = new CertificatePemScanner(source, handler, null, content);
        scanner._validated = content.Length;
        scanner.Scan();
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, <paramref name="chunkSize"/> bytes at a time (tests use tiny chunks);
    /// the stream enforces any size limit (its exceptions pass through).
    /// </summary>
    /// <exception cref="TrustInputException">As <see cref="CertificatePem.ReadBytes"/>.</exception>
    public static void Read(Stream stream, string source, CertificateDerHandler handler, int chunkSize = ChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 16);
        var scanner = new CertificatePemScanner(source, handler, stream, ReadOnlyMemory<byte>.Empty, chunkSize);
        scanner.Fill(0, validate: false);
        if (scanner._end == 0) throw CertificatePem.Empty(source);
        if (scanner._data.Span[0] == 0x30)
        {
            // Perhaps one DER certificate: that needs the whole input (rare, and a certificate is small).
            while (!scanner._eof) scanner.Fill(0, validate: false);
            Read(scanner._data[..scanner._end], source, handler);
            return;
        }
        scanner.Validate();
        scanner.Scan();
    }

    private static bool IsDer(ReadOnlySpan<byte> content) => content[0] == 0x30 && content.IndexOf("-----BEGIN"u8) < 0;

    private void Scan()
    {
        TrustInputException? deferred = null;
        var count = 0;
        var position = 0;
        while (true)
        {
            var data = _data.Span[.._end];
            var found = data[position..].IndexOf(Begin);
            if (found < 0)
            {
                if (_eof) break;
                // Keep what could be the start of a BEGIN line cut by the chunk's end.
                var keep = Math.Max(position, _end - (Begin.Length - 1));
                position = keep - Fill(keep);
                continue;
            }
            var begin = position + found;
            if (!_eof && data[begin..].IndexOfAny((byte)'\r', (byte)'\n') < 0)
            {
                // Error messages quote the BEGIN line whole: have all of it before judging the block.
                position = begin - Fill(begin);
                continue;
            }
            var labelStart = begin + Begin.Length;
            var labelLength = data[labelStart..].IndexOf(Dashes);
            if (labelLength < 0 && !_eof)
            {
                position = begin - Fill(begin);
                continue;
            }
            var index = count + 1;
            var labelBytes = labelLength < 0 ? default : data.Slice(labelStart, labelLength);
            if (labelLength <= 0 || labelBytes.IndexOfAny((byte)'\n', (byte)'\r') >= 0) throw Fail(Broken(index, data[begin..]));
            var isCertificate = labelBytes.SequenceEqual(CertificateLabel);
            var label = isCertificate ? "CERTIFICATE" : Encoding.UTF8.GetString(labelBytes);
            var bodyStart = labelStart + labelLength + Dashes.Length;
            var endMarker = isCertificate ? CertificateEnd : Encoding.UTF8.GetBytes($"-----END {label}-----");
            var bodyLength = data[bodyStart..].IndexOf(endMarker);
            if (bodyLength < 0)
            {
                if (_eof) throw Fail(Broken(index, data[begin..]));
                position = begin - Fill(begin);
                continue;
            }
            count = index;
            var body = data.Slice(bodyStart, bodyLength);
            ReadOnlySpan<byte> der;
            if (body.IndexOfAny((byte)'-', (byte)':') < 0)
            {
                der = Decode(body, index, label);
            }
            else
            {
                // Headers (legacy encrypted keys) or a BEGIN/END of another block inside: the rare path, on text as PemBlocks does it.
                var text = Encoding.UTF8.GetString(body);
                var firstLine = FirstLine(data[begin..]);
                int base64Start;
                List<KeyValuePair<string, string>> headers;
                try { base64Start = PemBlocks.ReadHeaders(text, _source, index, label, firstLine, out headers); }
                catch (TrustInputException e) { throw Fail(e); }
                if (text.AsSpan(base64Start).IndexOfAny('-', ':') >= 0) throw Fail(Broken(index, data[begin..]));
                if (isCertificate) throw Fail(PemBlocks.CertificateWithHeaders(_source, index, headers));
                try { der = PemBlocks.Decode(text.AsSpan(base64Start), _source, index, label); }
                catch (TrustInputException e) { throw Fail(e); }
            }
            if (deferred is null)
            {
                if (!isCertificate) deferred = CertificatePem.NotACertificate(_source, index, label);
                else
                {
                    try { _handler(index, der); }
                    catch (TrustInputException e) { deferred = CertificatePem.InBlock(_source, index, e); }
                }
            }
            position = bodyStart + bodyLength + endMarker.Length;
        }
        if (count == 0) throw CertificatePem.NoCertificate(_source);
        if (deferred is not null) throw deferred;
    }

    /// <summary>Base64 to DER as <see cref="PemBlocks"/> does it (the same decoder on the same characters), into a reused buffer.</summary>
    private ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> body, int index, string label)
    {
        if (_chars.Length < body.Length) _chars = new char[Math.Max(body.Length, 4096)];
        var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(body, _chars));
        var size = chars.Length / 4 * 3 + 3;
        if (_der.Length < size) _der = new byte[Math.Max(size, 4096)];
        if (!Convert.TryFromBase64Chars(chars, _der, out var written) || written == 0)
            throw Fail(PemBlocks.InvalidBase64(_source, index, label));
        return _der.AsSpan(0, written);
    }

    private TrustInputException Broken(int index, ReadOnlySpan<byte> from) =>
        PemBlocks.Broken(_source, index, FirstLine(from));

    private static string FirstLine(ReadOnlySpan<byte> from)
    {
        var end = from.IndexOfAny((byte)'\r', (byte)'\n');
        return Encoding.UTF8.GetString(end < 0 ? from : from[..end]);
    }

    /// <summary>
    /// An error found before the end of the input: reads the rest first, as the whole input is read before any error
    /// (invalid UTF-8 later in the input, or the stream's own size limit, still win).
    /// </summary>
    private TrustInputException Fail(TrustInputException error)
    {
        while (!_eof) Fill(_end);
        return error;
    }

    /// <summary>
    /// Drops the data before <paramref name="keepFrom"/>, reads the next chunk after the rest and checks that the
    /// input so far is UTF-8 (a sequence cut by the chunk's end is checked with the next one). Returns how far the
    /// kept data moved, for the caller to move its positions. A block longer than the buffer grows it.
    /// </summary>
    private int Fill(int keepFrom, bool validate = true)
    {
        if (_stream is null || _eof) return 0;
        _buffer ??= new byte[_chunkSize];
        var kept = _end - keepFrom;
        if (keepFrom > 0) Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, kept);
        _validated = Math.Max(0, _validated - keepFrom);
        if (_buffer.Length - kept < _chunkSize / 2)
        {
            var larger = new byte[Math.Max(_buffer.Length * 2, kept + _chunkSize)];
            Buffer.BlockCopy(_buffer, 0, larger, 0, kept);
            _buffer = larger;
        }
        _end = kept;
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0) { _eof = true; break; }
            _end += read;
        }
        _data = _buffer;
        if (validate) Validate();
        return keepFrom;
    }

    /// <summary>Checks that the input read so far is UTF-8; when not, reads the rest (for the stream's own limit) and fails.</summary>
    private void Validate()
    {
        if (IsUtf8SoFar()) return;
        while (!_eof) Fill(_end, validate: false);
        throw CertificatePem.NotPemOrDer(_source);
    }

    private bool IsUtf8SoFar()
    {
        var check = _end;
        if (!_eof)
        {
            // Leave a sequence that the chunk cut short for the next check.
            var lead = _end - 1;
            while (lead >= _validated && lead > _end - 4 && (_buffer![lead] & 0xC0) == 0x80) lead--;
            if (lead >= _validated)
            {
                var b = _buffer![lead];
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                if (_end - lead < length) check = lead;
            }
        }
        if (!Utf8.IsValid(_buffer.AsSpan(_validated, check - _validated))) return false;
        _validated = check;
        return true;
    }
}
