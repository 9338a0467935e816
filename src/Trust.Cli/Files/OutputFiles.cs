using System.Text;

namespace Trust.Cli.Files;

/// <summary>
/// A set of files written all-or-nothing: every target is checked first (no overwrite without force), each file is
/// written to a temporary file beside its target (private keys created with mode 0600 from the start), flushed to
/// disk, and only then renamed into place. On any failure the temporary files are removed. Messages name each path
/// as the user gave it (<c>./pki</c>, not the resolved <c>/home/me/pki</c>); the full path is used only to find it.
/// </summary>
internal sealed class OutputFiles
{
    private readonly List<(string Path, string Given, Action<Stream> Write, bool Secret)> _files = [];
    private static int _sequence;

    /// <summary>Adds a public file (mode 0644).</summary>
    public OutputFiles Add(string path, string content) => Add(path, content, secret: false);

    /// <summary>Adds a secret file (mode 0600): a private key.</summary>
    public OutputFiles AddSecret(string path, string content) => Add(path, content, secret: true);

    /// <summary>Adds a public file whose content <paramref name="write"/> streams (a large bundle, without one string of it).</summary>
    public OutputFiles Add(string path, Action<Stream> write) => Add(path, write, secret: false);

    private OutputFiles Add(string path, string content, bool secret)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = Encoding.UTF8.GetBytes(content);
        return Add(path, stream => stream.Write(bytes), secret);
    }

    private OutputFiles Add(string path, Action<Stream> write, bool secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (_files.Any(f => f.Path == full)) throw TrustInputException.At(path, CliErrors.Usage, "named twice as an output");
        _files.Add((full, path, write, secret));
        return this;
    }

    /// <summary>Throws when a target exists and <paramref name="force"/> is false; call before expensive work.</summary>
    public static void EnsureWritable(bool force, params string[] paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) throw TrustInputException.At(path, CliErrors.File, "is a directory");
            // A device, FIFO or socket is never replaced, even with force: renaming over /dev/null would put a key there.
            if (File.Exists(path) && FileKind.IsSpecial(path))
                throw TrustInputException.At(path, CliErrors.File, "is not a regular file (a device, FIFO or socket); it is never replaced");
            if (!force && File.Exists(path)) throw TrustInputException.At(path, CliErrors.File, "already exists; use --force to overwrite it");
        }
    }

    /// <summary>
    /// Writes every file, or none. The target folders are locked for the whole step, so a concurrent command writing
    /// the same folder goes before or after this one, never between.
    /// </summary>
    public void Commit(bool force)
    {
        var given = _files.ToDictionary(f => f.Path, f => f.Given);
        // Each folder once, named as the first path in it was given ("" for a bare file name is the current folder).
        var folders = _files.GroupBy(f => Path.GetDirectoryName(f.Path)!)
            .Select(g => (Full: g.Key, Given: Path.GetDirectoryName(g.First().Given) is { Length: > 0 } d ? d : "."))
            .ToList();
        var current = _files.FirstOrDefault().Given ?? "";
        var temps = new List<(string Temp, string Path)>();
        try
        {
            foreach (var folder in folders)
            {
                current = folder.Given;
                if (File.Exists(folder.Full)) throw TrustInputException.At(folder.Given, CliErrors.File, "cannot write: it is a file, not a folder");
                Directory.CreateDirectory(folder.Full);
            }
            using var folderLock = FolderLock.Acquire(folders.Select(f => f.Full));
            EnsureWritable(force, [.. _files.Select(f => f.Given)]);
            foreach (var (path, name, write, secret) in _files)
            {
                current = name;
                var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Interlocked.Increment(ref _sequence)}.tmp");
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = secret
                        ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                using var stream = TempFiles.Create(temp, options);
                temps.Add((temp, path));
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            TempFiles.MoveIntoPlace(temps, overwrite: force, beforeEach: path => current = given[path]);
            temps.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TrustInputException.At(current, CliErrors.File, $"cannot write: {IoProblem.Describe(e, writing: true)}");
        }
        finally
        {
            foreach (var (temp, _) in temps) TempFiles.Discard(temp);
        }
    }
}
