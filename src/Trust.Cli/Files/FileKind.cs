using System.Runtime.InteropServices;

namespace Trust.Cli.Files;

/// <summary>
/// What kind of file a path names, without following a final symbolic link (<c>statx(2)</c>, whose layout is the same
/// on every Linux architecture). .NET reports devices, FIFOs and sockets as ordinary files.
/// </summary>
internal static unsafe partial class FileKind
{
    private const int AtFdcwd = -100, AtSymlinkNoFollow = 0x100, StatxType = 1, ModeOffset = 28;
    private const int TypeMask = 0xF000, Regular = 0x8000, Link = 0xA000;

    /// <summary>True when <paramref name="path"/> exists and is a device, FIFO or socket (Linux; false elsewhere).</summary>
    public static bool IsSpecial(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var buffer = stackalloc byte[256];
        if (Statx(AtFdcwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return false;
        var type = *(ushort*)(buffer + ModeOffset) & TypeMask;
        return type is not (Regular or Link) && type != 0x4000;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
