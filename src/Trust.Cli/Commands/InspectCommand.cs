using System.CommandLine;
using Trust.Cli.Files;
using Trust.Pem;

namespace Trust.Cli.Commands;

/// <summary><c>trust inspect</c>: describe every certificate in a file.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "PEM or DER certificate file" };
        var format = OutputFormat.Create("text", "json", "pem");
        var command = new Command("inspect", "Show every certificate in a file: subject, issuer, serial, validity, key, extensions, SHA-256 fingerprint")
        {
            file, format,
        };
        command.SetAction(parse =>
        {
            // Two passes over one copy of the input: the first checks every certificate (so a bad one stops the command
            // before anything is printed), the second prints them one at a time, so memory does not grow with the count.
            var path = parse.GetValue(file)!;
            var source = InputFile.DisplayName(path);
            var content = InputFile.ReadBytes(path);
            var count = CertificatePem.ForEach(content, source, _ => { });
            var index = 0;
            switch (parse.GetValue(format))
            {
                case "json":
                    context.Out.WriteLine("[");
                    CertificatePem.ForEach(content, source, c =>
                    {
                        // Each certificate as its own document, indented one level into the array.
                        var json = Json.Write(w => Json.Certificate(w, c)).Replace("\n", "\n  ", StringComparison.Ordinal);
                        context.Out.WriteLine($"  {json}{(++index < count ? "," : "")}");
                    });
                    context.Out.WriteLine("]");
                    break;
                case "pem":
                    CertificatePem.ForEach(content, source, c => context.Out.Write(CertificatePem.Write([c])));
                    break;
                default:
                    CertificatePem.ForEach(content, source, c =>
                    {
                        if (index++ > 0) context.Out.WriteLine();
                        context.Out.WriteLine($"Certificate {index} of {count}");
                        CertificateText.Describe(context.Out, c);
                    });
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
