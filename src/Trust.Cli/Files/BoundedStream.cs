namespace Trust.Cli.Files;

/// <summary>A read-only view of a stream that fails, naming the input, once more than a limit has been read.</summary>
internal sealed class BoundedStream(Stream inner, long maxBytes, Func<TrustInputException> tooLarge) : Stream
{
    private long _total;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte past the limit at most, so an endless input costs no more than the limit.
        var room = maxBytes + 1 - _total;
        var read = inner.Read(room < buffer.Length ? buffer[..(int)room] : buffer);
        _total += read;
        if (_total > maxBytes) throw tooLarge();
        return read;
    }

    public override void Flush() { }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
