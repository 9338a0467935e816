using System.CommandLine;
using Trust.Cli.Files;
using Trust.Pem;

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
            // Streamed: one certificate parsed at a time, only the fingerprints kept, printed once the whole input read.
            var path = parse.GetValue(file)!;
            var fingerprints = new List<string>();
            InputFile.ReadStream(path, stream => CertificatePem.ForEach(stream, InputFile.DisplayName(path), c => fingerprints.Add(c.Fingerprint)));
            context.Out.Write(string.Concat(fingerprints.Select(f => f + "\n")));
            return ExitCodes.Ok;
        });
        return command;
    }
}
