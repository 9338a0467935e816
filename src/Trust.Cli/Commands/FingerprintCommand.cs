using System.CommandLine;

namespace Trust.Cli.Commands;

/// <summary><c>trust fingerprint</c>: SHA-256 of each certificate's DER.</summary>
internal static class FingerprintCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "PEM or DER certificate file" };
        var command = new Command("fingerprint", "Print the SHA-256 fingerprint (hex) of each certificate in a file, one per line") { file };
        command.SetAction(parse =>
        {
            foreach (var c in CliFiles.Certificates(parse.GetValue(file)!)) context.Out.WriteLine(c.Fingerprint);
            return ExitCodes.Ok;
        });
        return command;
    }
}
