using System.Runtime.InteropServices;

namespace Trust.Cli.Files;

/// <summary>
/// An exclusive advisory lock on output folders (<c>flock(2)</c> on the folder itself, so no lock file is left
/// behind), held while a set of files is checked and renamed into place: two commands writing the same folder at once
/// write one after the other, and each leaves a complete set. Folders are locked in ordinal order, so two commands
/// writing overlapping folders cannot deadlock. Elsewhere than Linux it is a no-op.
/// </summary>
internal sealed partial class FolderLock : IDisposable
{
    private const int ORdonly = 0, ODirectory = 0x10000, OCloexec = 0x80000, LockEx = 2, Eintr = 4;
    private readonly List<int> _descriptors = [];

    private FolderLock() { }

    /// <summary>Locks every folder, waiting for any other holder.</summary>
    public static FolderLock Acquire(IEnumerable<string> folders)
    {
        var held = new FolderLock();
        if (!OperatingSystem.IsLinux()) return held;
        try
        {
            foreach (var folder in folders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var fd = Open(folder, ORdonly | ODirectory | OCloexec);
                if (fd < 0) throw new IOException($"cannot open folder '{folder}' to lock it", Marshal.GetLastPInvokeError());
                held._descriptors.Add(fd);
                while (Flock(fd, LockEx) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != Eintr) throw new IOException($"cannot lock folder '{folder}'", errno);
                }
            }
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var fd in _descriptors) Close(fd); // closing the descriptor releases the lock
        _descriptors.Clear();
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
