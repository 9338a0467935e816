using System.CommandLine;
using Trust.Cli.Commands;

namespace Trust.Cli;

/// <summary>Builds the command tree and runs it, mapping every failure to one line and an exit code.</summary>
internal static class TrustCli
{
    /// <summary>Runs the CLI with the given streams and clock; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var context = new CliContext(stdout, stderr, time);
        var root = new RootCommand("trust: create, bundle, check and rotate Linkerd identity certificates.");
        // Start-up: build only the command being run (its options and help are complete); all of them otherwise.
        var only = args.Length > 0 ? Array.FindIndex(Commands, c => c.Name == args[0]) : -1;
        if (only >= 0) root.Add(Commands[only].Create(context));
        else foreach (var command in Commands) root.Add(command.Create(context));
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (Exception e)
        {
            stderr.WriteLine($"trust: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"trust: {error.Message}");
            var name = parsed.CommandResult.Command == root ? "trust" : $"trust {CommandPath(parsed)}";
            stderr.WriteLine($"Run '{name} --help' for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (TrustInputException e)
        {
            stderr.WriteLine($"trust: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"trust: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"trust: internal error ({e.GetType().Name}: {OneLine(e.Message)}); please report it");
            return ExitCodes.Internal;
        }
    }

    private static readonly (string Name, Func<CliContext, Command> Create)[] Commands =
    [
        ("init", InitCommand.Create),
        ("anchor", AnchorCommand.Create),
        ("issuer", IssuerCommand.Create),
        ("leaf", LeafCommand.Create),
        ("verify", VerifyCommand.Create),
        ("bundle", BundleCommand.Create),
        ("inspect", InspectCommand.Create),
        ("fingerprint", FingerprintCommand.Create),
        ("check", CheckCommand.Create),
        ("needs-renewal", NeedsRenewalCommand.Create),
    ];

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
            names.Insert(0, r.Command.Name);
        return string.Join(' ', names);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
