using System.CommandLine;
using Trust.Validation;

namespace Trust.Cli.Commands;

/// <summary><c>trust check</c>: linkerd check's identity checks, offline, and more.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var anchors = new Option<string>("--anchors") { Description = "Trust anchor bundle as deployed (identityTrustAnchorsPEM / ca-bundle.crt)", Required = true, HelpName = "BUNDLE" };
        var issuer = new Option<string>("--issuer") { Description = "Issuer certificate (crtPEM / tls.crt)", Required = true, HelpName = "CRT" };
        var issuerKey = new Option<string?>("--issuer-key") { Description = "Issuer private key (keyPEM / tls.key), to check it matches and that Linkerd can read it", HelpName = "KEY" };
        var at = CommonOptions.At();
        var format = OutputFormat.Create("text", "json");
        var command = new Command("check", "Run linkerd check's identity checks offline on files, plus checks for known pitfalls. Exit 0 pass (warnings allowed), 1 a check failed, 2 unreadable input")
        {
            anchors, issuer, issuerKey, at, format,
        };
        command.SetAction(parse =>
        {
            var when = CommonOptions.ResolveAt(parse.GetValue(at), context);
            using var material = CliFiles.Material(parse.GetValue(anchors)!, parse.GetValue(issuer)!, parse.GetValue(issuerKey));
            var report = IdentityChecks.Run(material, when);
            Print(context, report, parse.GetValue(format)!);
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    public static void Print(CliContext context, CheckReport report, string format)
    {
        if (format == "json") context.Out.WriteLine(CheckPrinter.Json(report));
        else CheckPrinter.Text(context.Out, report);
    }
}
