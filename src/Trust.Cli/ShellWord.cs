namespace Trust.Cli;

/// <summary>Quotes values printed into commands users paste into a POSIX shell.</summary>
internal static class ShellWord
{
    /// <summary>The value as one shell word: unchanged when it holds only safe characters, else single-quoted.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '=' or ':' or '@' or '%' or '+' or ','))
            return value;
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
