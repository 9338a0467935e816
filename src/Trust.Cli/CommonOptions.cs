using System.CommandLine;
using Trust.Time;

namespace Trust.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<bool> Force() => new("--force") { Description = "Overwrite existing output files" };

    public static Option<string?> NotBefore() => new("--not-before")
    {
        Description = "Start of validity: RFC 3339 time or duration from now (default: now minus a small clock-skew allowance)",
        HelpName = "TIME|DURATION",
    };

    public static Option<string?> NotAfter(string defaultText) => new("--not-after")
    {
        Description = $"End of validity: RFC 3339 time or duration from now, e.g. 8760h, 90d (default {defaultText})",
        HelpName = "TIME|DURATION",
    };

    public static Option<string?> At() => new("--at")
    {
        Description = "Evaluate at this RFC 3339 time instead of now",
        HelpName = "TIME",
    };

    public static Option<string> Ca() => new("--ca") { Description = "CA certificate that signs (first certificate in the file)", Required = true, HelpName = "CRT" };

    public static Option<string> CaKey() => new("--ca-key") { Description = "Private key of the CA", Required = true, HelpName = "KEY" };

    public static Option<string?> CaPasswordFile() => new("--ca-password-file") { Description = "File whose first line is the CA key's password", HelpName = "FILE" };

    public static Option<int?> PathLength(string defaultText) => new("--path-len")
    {
        Description = $"basicConstraints path length (default {defaultText})",
        HelpName = "N",
    };

    public static Option<string[]> San(bool required) => new("--san")
    {
        Description = "DNS subjectAltName (repeatable)",
        Required = required,
        HelpName = "NAME",
        Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
    };

    public static DateTimeOffset ResolveAt(string? at, CliContext context) => DurationOption.At("--at", at, context.Now);
}
