using System.CommandLine;
using Trust.Cli.Commands;

namespace Trust.Cli;

/// <summary>Builds the command tree and runs it, mapping every failure to one line and an exit code.</summary>
internal static class TrustCli
{
    /// <summary>Runs the CLI with the given streams and clock; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time, Func<Stream>? stdin = null)
    {
        // Bare `trust` shows the root usage and succeeds, as kubectl and dotnet do; anything else unknown stays exit 2.
        if (args.Length == 0) args = ["--help"];
        using var input = Files.InputFile.UseStandardInput(stdin ?? Console.OpenStandardInput);
        var context = new CliContext(stdout, stderr, time);
        var root = new RootCommand("trust: create, bundle, check and rotate Linkerd identity certificates.");
        // Start-up: build only the command being run (its options and help are complete); all of them otherwise.
        var only = args.Length > 0 ? Array.FindIndex(Commands, c => c.Name == args[0]) : -1;
        if (only >= 0) root.Add(Commands[only].Create(context));
        else foreach (var command in Commands) root.Add(command.Create(context));
        ParseResult parsed;
        try
        {
            // No response files: an argument such as '@value' is a value, not a file to expand.
            parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        }
        catch (Exception e)
        {
            stderr.WriteLine($"trust: {e.Message}");
            return ExitCodes.BadInput;
        }
        // An unknown option is named as such: the parser would take it for a file name (`inspect --frob x.crt` blamed
        // x.crt) or report only the missing command (`trust --bogus`).
        var unknownOption = UnknownOption(parsed);
        if (parsed.Errors.Count > 0 || unknownOption is not null)
        {
            // One line, as for every other bad input: the first problem, and where the usage is.
            var name = parsed.CommandResult.Command == root ? "trust" : $"trust {CommandPath(parsed)}";
            var problem = unknownOption is not null ? $"unknown option '{OneLine(unknownOption)}'" : FirstProblem(parsed, args);
            stderr.WriteLine($"trust: {problem.TrimEnd('.')} (run '{name} --help' for usage)");
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
            // Output streams and anything else not named by a command: the runtime's texts are stripped, so our words.
            stderr.WriteLine($"trust: {Files.IoProblem.Describe(e)}");
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
        ("rotate", RotateCommand.Create),
    ];

    /// <summary>The first token that looks like an option but is none of the command's (nor its parents'), unless it is
    /// an option's value (`--anchor-lifetime -5h`) or follows `--`; null when there is none.</summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        var known = new Dictionary<string, Option>(StringComparer.Ordinal);
        for (System.CommandLine.Parsing.SymbolResult? r = parsed.CommandResult; r is not null; r = r.Parent)
        {
            if (r is not System.CommandLine.Parsing.CommandResult command) continue;
            foreach (var option in command.Command.Options)
                foreach (var alias in option.Aliases.Append(option.Name)) known.TryAdd(alias, option);
        }
        Option? takesValue = null;
        foreach (var token in parsed.Tokens)
        {
            if (token.Type == System.CommandLine.Parsing.TokenType.DoubleDash) return null;
            var text = token.Value;
            var isValue = takesValue is not null;
            takesValue = null;
            if (token.Type == System.CommandLine.Parsing.TokenType.Option)
            {
                if (known.TryGetValue(text, out var option) && option.Arity.MaximumNumberOfValues > 0) takesValue = option;
                continue;
            }
            if (isValue || token.Type != System.CommandLine.Parsing.TokenType.Argument) continue;
            if (text.Length < 2 || text[0] != '-' || char.IsAsciiDigit(text[1]) || text[1] == '.') continue;
            var head = text.Split('=', 2)[0];
            if (!known.ContainsKey(head)) return head;
        }
        return null;
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
            names.Insert(0, r.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>The first parse error; an unknown command is named, with the closest command when one is near.</summary>
    private static string FirstProblem(ParseResult parsed, string[] args)
    {
        if (parsed.CommandResult.Parent is not null || args[0].StartsWith('-'))
            return OneLine(parsed.Errors[0].Message);
        var closest = Commands.Select(c => (c.Name, Distance: EditDistance(args[0], c.Name)))
            .Where(c => c.Distance <= 2).OrderBy(c => c.Distance).FirstOrDefault();
        var unknown = $"'{OneLine(args[0])}' is not a trust command";
        return closest.Name is null ? unknown : $"{unknown}; did you mean '{closest.Name}'?";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (char.ToLowerInvariant(a[i - 1]) == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static string OneLine(string message) =>
        System.Text.RegularExpressions.Regex.Replace(
            // The parser names .NET types ("expected type 'System.Nullable`1[System.Int32]'"); users typed a number.
            System.Text.RegularExpressions.Regex.Replace(message, @"as expected type '[^']*Int32[^']*'", "as a whole number (up to 2147483647)"),
            @"\s+", " ").Trim();
}
