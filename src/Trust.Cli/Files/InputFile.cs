using Trust.Pem;

namespace Trust.Cli.Files;

/// <summary>Reads user-named input files, turning every I/O failure into a one-line <see cref="TrustInputException"/>.</summary>
internal static class InputFile
{
    /// <summary>Reads a whole file, refusing anything larger than <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadBytes(string path, long maxBytes = CertificatePem.MaxInputBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (Directory.Exists(path)) throw TrustInputException.At(path, CliErrors.File, "is a directory, not a file");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > maxBytes)
                throw TrustInputException.At(path, CliErrors.File, $"file is {stream.Length:N0} bytes; the limit is {maxBytes:N0}");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            if (memory.Length > maxBytes) throw TrustInputException.At(path, CliErrors.File, $"file is larger than the limit of {maxBytes:N0} bytes");
            return memory.ToArray();
        }
        catch (FileNotFoundException) { throw TrustInputException.At(path, CliErrors.File, "file not found"); }
        catch (DirectoryNotFoundException) { throw TrustInputException.At(path, CliErrors.File, "file not found (its folder does not exist)"); }
        catch (UnauthorizedAccessException) { throw TrustInputException.At(path, CliErrors.File, "permission denied"); }
        catch (IOException e) { throw TrustInputException.At(path, CliErrors.File, $"cannot read ({e.Message.TrimEnd('.')})"); }
    }

    /// <summary>Reads a file as UTF-8 text; binary content is an input error.</summary>
    public static string ReadText(string path, long maxBytes = CertificatePem.MaxInputBytes)
    {
        var bytes = ReadBytes(path, maxBytes);
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw TrustInputException.At(path, CliErrors.File, "not a text file (expected PEM)");
        }
    }

    /// <summary>Reads a password file as step does: the first line, without its line ending. Empty is an error.</summary>
    public static string ReadPassword(string path)
    {
        var text = ReadText(path, 64 * 1024);
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        if (line.Length == 0) throw TrustInputException.At(path, CliErrors.File, "password file is empty");
        return line;
    }
}
