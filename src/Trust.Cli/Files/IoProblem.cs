namespace Trust.Cli.Files;

/// <summary>
/// Our own words for the I/O failures a command can meet. The runtime's texts name temporary files, so messages are
/// built here from the exception's type and, for a plain <see cref="IOException"/> on Unix, the errno the runtime keeps
/// in <see cref="Exception.HResult"/>.
/// </summary>
internal static class IoProblem
{
    /// <summary>A short phrase such as "permission denied" or "no space left on device".</summary>
    public static string Describe(Exception e, bool writing = false) => e switch
    {
        FileNotFoundException when writing => "the file system does not let a file be created there",
        FileNotFoundException => "file not found",
        DirectoryNotFoundException => "its folder does not exist (or a part of the path is not a folder)",
        PathTooLongException => "the path is too long",
        UnauthorizedAccessException => "permission denied",
        IOException io => io.HResult switch
        {
            1 or 13 => "permission denied",
            2 => "file not found",
            5 => "input/output error",
            9 => "the output is closed",
            16 => "the file is busy",
            17 => "already exists",
            20 => "a part of the path is not a folder",
            21 => "is a directory",
            23 or 24 => "too many open files",
            26 => "the file is being executed",
            27 => "the file is too large",
            28 => "no space left on device",
            30 => "read-only file system",
            36 => "the name is too long",
            40 => "too many levels of symbolic links",
            122 => "disk quota exceeded",
            _ => $"I/O error {io.HResult}",
        },
        _ => "I/O error",
    };
}
