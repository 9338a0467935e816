using System.CommandLine;
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
            var certificates = CliFiles.Certificates(parse.GetValue(file)!);
            switch (parse.GetValue(format))
            {
                case "json":
                    context.Out.WriteLine(Json.Write(w =>
                    {
                        w.WriteStartArray();
                        foreach (var c in certificates) Json.Certificate(w, c);
                        w.WriteEndArray();
                    }));
                    break;
                case "pem":
                    context.Out.Write(CertificatePem.Write(certificates));
                    break;
                default:
                    for (var i = 0; i < certificates.Count; i++)
                    {
                        if (i > 0) context.Out.WriteLine();
                        context.Out.WriteLine($"Certificate {i + 1} of {certificates.Count}");
                        CertificateText.Describe(context.Out, certificates[i]);
                    }
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
