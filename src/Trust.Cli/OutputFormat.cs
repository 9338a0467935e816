using System.CommandLine;

namespace Trust.Cli;

/// <summary>The --format option shared by commands.</summary>
internal static class OutputFormat
{
    public static Option<string> Create(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", formats)}",
            DefaultValueFactory = _ => formats[0],
            HelpName = string.Join('|', formats),
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }
}
