using Trust.Pem;

namespace Trust.Cli.Files;

/// <summary>
/// Reads user-named inputs, turning every I/O failure into a one-line <see cref="TrustInputException"/> naming the
/// path. Every read is bounded, whatever the input is (a regular file, a pipe, a device such as <c>/dev/zero</c>), and
/// <c>-</c> means standard input (name a file called "-" as <c>./-</c>).
/// </summary>
internal static class InputFile
{
    /// <summary>The name that means standard input.</summary>
    public const string StandardInputName = "-";

    private const int Chunk = 1 << 20;
    private static readonly AsyncLocal<StandardInputSource?> Source = new();

    /// <summary>Makes <paramref name="open"/> the standard input of the current run (the CLI's entry point sets it).</summary>
    public static IDisposable UseStandardInput(Func<Stream> open)
    {
        var previous = Source.Value;
        Source.Value = new StandardInputSource(open);
        return new Restore(() => Source.Value = previous);
    }

    /// <summary>Reads a whole input, refusing anything larger than <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadBytes(string path, long maxBytes = CertificatePem.MaxInputBytes) =>
        Open(path, maxBytes, (stream, name) => ReadBounded(stream, maxBytes, name));

    /// <summary>
    /// Hands <paramref name="read"/> the input as a stream that fails past <paramref name="maxBytes"/> (a regular file
    /// larger than that is refused before reading), for inputs too large to hold twice: <c>trust bundle</c>.
    /// </summary>
    public static void ReadStream(string path, Action<Stream> read, long maxBytes = CertificatePem.MaxInputBytes)
    {
        ArgumentNullException.ThrowIfNull(read);
        Open(path, maxBytes, (stream, name) =>
        {
            long size = 0;
            try { if (stream.CanSeek) size = stream.Length; } catch (NotSupportedException) { }
            if (size > maxBytes) throw TooLarge(name, maxBytes, size);
            read(new BoundedStream(stream, maxBytes, () => TooLarge(name, maxBytes, null)));
            return true;
        });
    }

    /// <summary>
    /// Opens standard input (for <c>-</c>, once per run) or the file, hands it to <paramref name="use"/> with the name
    /// messages give it, and turns every I/O failure into one line naming that input.
    /// </summary>
    private static T Open<T>(string path, long maxBytes, Func<Stream, string, T> use)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = DisplayName(path);
        try
        {
            if (path == StandardInputName)
            {
                using var input = Take().Open();
                return use(input, name);
            }
            if (Directory.Exists(path)) throw TrustInputException.At(path, CliErrors.File, "is a directory, not a file");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            return use(stream, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TrustInputException.At(name, CliErrors.File, path != StandardInputName && e is FileNotFoundException or DirectoryNotFoundException
                ? $"file not found{(e is DirectoryNotFoundException ? " (its folder does not exist)" : "")}"
                : $"cannot read: {IoProblem.Describe(e)}");
        }
    }

    /// <summary>Reads an input as UTF-8 text; binary content is an input error.</summary>
    public static string ReadText(string path, long maxBytes = CertificatePem.MaxInputBytes)
    {
        var bytes = ReadBytes(path, maxBytes);
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw TrustInputException.At(DisplayName(path), CliErrors.File, "not a text file (expected PEM)");
        }
    }

    /// <summary>Reads a password file as step does: the first line, without its line ending. Empty is an error.</summary>
    public static string ReadPassword(string path)
    {
        var text = ReadText(path, 64 * 1024);
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        if (line.Length == 0) throw TrustInputException.At(DisplayName(path), CliErrors.File, "password file is empty");
        return line;
    }

    private static StandardInputSource Take()
    {
        var source = Source.Value ?? throw TrustInputException.At(StandardInputName, CliErrors.Usage, "standard input is not available");
        if (!source.Take()) throw TrustInputException.At(StandardInputName, CliErrors.Usage, "standard input can be read only once; name the other inputs as files");
        return source;
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes and fails past them. A regular file is read into one array of its
    /// size (no copies); anything else (a pipe, a device) is read in chunks of 1 MiB, so an endless input costs no more
    /// than the bound before it is refused, and a finite one about twice its size.
    /// </summary>
    internal static byte[] ReadBounded(Stream stream, long maxBytes, string name)
    {
        long size = 0;
        try { if (stream.CanSeek) size = stream.Length; } catch (NotSupportedException) { }
        if (size > maxBytes) throw TooLarge(name, maxBytes, size);
        if (size > 0)
        {
            var whole = new byte[size];
            var filled = 0;
            while (filled < whole.Length && stream.Read(whole, filled, whole.Length - filled) is var read and > 0) filled += read;
            if (filled == whole.Length && stream.ReadByte() < 0) return whole;
            if (filled < whole.Length) return whole[..filled]; // the file shrank while we read it
            stream.Position = 0; // the file grew while we read it: read it again as a stream of unknown size
        }
        var chunks = new List<byte[]>();
        long total = 0;
        while (true)
        {
            var chunk = new byte[Chunk];
            var used = 0;
            while (used < chunk.Length && stream.Read(chunk, used, chunk.Length - used) is var read and > 0) used += read;
            total += used;
            if (total > maxBytes) throw TooLarge(name, maxBytes, null);
            chunks.Add(used == chunk.Length ? chunk : chunk[..used]);
            if (used < chunk.Length) break;
        }
        var result = new byte[total];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(result, at);
            at += chunk.Length;
        }
        return result;
    }

    /// <summary>How a message names an input: its path, or "standard input" for <c>-</c>.</summary>
    public static string DisplayName(string path) => path == StandardInputName ? "standard input" : path;

    private static TrustInputException TooLarge(string name, long maxBytes, long? size) =>
        TrustInputException.At(name, CliErrors.File, size is { } s
            ? $"file is {s:N0} bytes; the limit is {maxBytes:N0}"
            : $"input is larger than the limit of {maxBytes:N0} bytes");

    private sealed class StandardInputSource(Func<Stream> open)
    {
        private int _taken;
        public Func<Stream> Open { get; } = open;
        public bool Take() => Interlocked.Exchange(ref _taken, 1) == 0;
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
