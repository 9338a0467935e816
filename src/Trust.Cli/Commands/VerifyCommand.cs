using System.CommandLine;
using Trust.Validation;

namespace Trust.Cli.Commands;

/// <summary><c>trust verify</c>: path validation of a chain against anchors.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var chainFile = new Argument<string>("CHAIN") { Description = "The certificate to verify first, then any intermediates" };
        var anchors = new Option<string>("--anchors") { Description = "Trust anchor bundle (PEM)", Required = true, HelpName = "BUNDLE" };
        var name = new Option<string?>("--name") { Description = "DNS name the certificate must be valid for", HelpName = "DNS" };
        var usage = new Option<string>("--usage") { Description = "Extended key usage the chain must allow", DefaultValueFactory = _ => "server", HelpName = "server|client|any" };
        usage.AcceptOnlyFromAmong("server", "client", "any");
        var at = CommonOptions.At();
        var format = OutputFormat.Create("text", "json");
        var command = new Command("verify", "Verify a certificate chain against trust anchors (path, signatures, validity, keys, CA flags, pathlen, name constraints, key usage, name; as Go's x509.Verify). Exit 0 valid, 1 invalid, 2 unreadable input")
        {
            chainFile, anchors, name, usage, at, format,
        };
        command.SetAction(parse =>
        {
            var chain = CliFiles.Certificates(parse.GetValue(chainFile)!);
            var pool = new CertificatePool(CliFiles.Certificates(parse.GetValue(anchors)!));
            var when = CommonOptions.ResolveAt(parse.GetValue(at), context);
            var purpose = parse.GetValue(usage) switch { "client" => KeyPurpose.Client, "any" => KeyPurpose.Any, _ => KeyPurpose.Server };
            var result = ChainVerifier.Verify(chain[0], chain.Skip(1), pool, when, purpose, parse.GetValue(name));
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(Json.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("valid", result.IsValid);
                    if (result.Failure is not null) w.WriteString("reason", result.Failure);
                    w.WriteStartArray("chain");
                    foreach (var c in result.Chain) Json.Certificate(w, c);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
            }
            else if (result.IsValid)
            {
                context.Out.WriteLine($"valid: {string.Join(" <- ", result.Chain.Select(c => $"'{c.Subject}'"))}");
            }
            else
            {
                context.Out.WriteLine($"invalid: {result.Failure}");
            }
            return result.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
