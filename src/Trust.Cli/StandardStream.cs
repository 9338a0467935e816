using System.Runtime.InteropServices;
using System.Text;

namespace Trust.Cli;

/// <summary>
/// Standard output or error as a write-only stream that calls <c>write(2)</c> on the descriptor itself (Linux).
/// </summary>
/// <remarks>
/// <para>Kept for its semantics, no longer for start-up: it was written because the console's first write cost ~2 ms of
/// a ReadyToRun start; under Native AOT the console path costs the same (docs/performance.md). What it gives that
/// <see cref="Console.Out"/> does not: UTF-8 whatever the locale says, and a standard error that is closed or full never
/// changes the command's exit code.</para>
/// <para>Semantics kept from the console stream: writes advance the descriptor's shared offset (a <see cref="FileStream"/>
/// over descriptor 1 would not: it writes at its own position, so <c>(trust ...; echo done) &gt; file</c> would lose
/// lines), and a reader that has gone away (EPIPE, as in <c>trust inspect x | head -1</c>) ends the output quietly
/// instead of failing the command. Every other error is an <see cref="IOException"/>.</para>
/// </remarks>
internal sealed unsafe partial class StandardStream(int descriptor) : WriteOnlyStream
{
    private const int Eintr = 4, Eagain = 11, Epipe = 32;
    private bool readerGone;

    /// <summary>UTF-8 writers over descriptors 1 and 2 on Linux; the console's elsewhere.</summary>
    public static (TextWriter Out, TextWriter Error) Open()
    {
        if (!OperatingSystem.IsLinux()) return (Console.Out, Console.Error);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return (new StreamWriter(new StandardStream(1), utf8, 4096) { AutoFlush = true },
                new StreamWriter(new StandardStream(2), utf8, 1024) { AutoFlush = true });
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length && !readerGone)
            {
                var n = WriteNative(descriptor, start + done, buffer.Length - done);
                if (n >= 0) { done += (int)n; continue; }
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Eintr) continue;
                if (errno == Eagain) { Thread.Sleep(1); continue; } // a non-blocking descriptor that is full
                if (errno == Epipe) { readerGone = true; return; }
                // Standard error closed, full or broken: there is nowhere left to report anything, so the command
                // ends with its own exit code instead of failing while it reports a failure.
                if (descriptor == 2) { readerGone = true; return; }
                throw new IOException($"writing to descriptor {descriptor}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    public override void Flush() { }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteNative(int fd, byte* buffer, nint count);
}
