using Trust.Cli;

namespace Trust.Cli.Tests;

/// <summary>Runs the CLI in process with captured output and a fixed clock.</summary>
public sealed record CliResult(int Exit, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

public static class CliRun
{
    public static CliResult Run(DateTimeOffset now, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = TrustCli.Run(args, stdout, stderr, TestClock.At(now));
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public static CliResult Run(params string[] args) => Run(TestClock.Epoch, args);
}
