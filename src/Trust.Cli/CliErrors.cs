namespace Trust.Cli;

/// <summary>Ids of the input errors the CLI raises itself (the library's are in <see cref="Trust.Findings.FindingIds"/>).</summary>
internal static class CliErrors
{
    /// <summary>A file that cannot be read or written.</summary>
    public const string File = "cli-file";

    /// <summary>Options that do not fit together, or a value out of range.</summary>
    public const string Usage = "cli-usage";

    /// <summary>An input error raised by the CLI.</summary>
    public static TrustInputException Error(string message) => new(Usage, message);
}
