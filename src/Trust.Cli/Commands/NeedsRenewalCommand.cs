using System.CommandLine;
using Trust.Renewal;
using Trust.Time;

namespace Trust.Cli.Commands;

/// <summary><c>trust needs-renewal</c>: exit 0 when the certificate should be renewed now, as step does.</summary>
internal static class NeedsRenewalCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Certificate file (the first certificate is checked)" };
        var expiresIn = new Option<string?>("--expires-in")
        {
            Description = "step semantics: N% = renew once N% of the lifetime has passed; DURATION = renew once less than this remains. Default: cert-manager's, at 2/3 of the lifetime",
            HelpName = "N%|DURATION",
        };
        var renewBefore = new Option<string?>("--renew-before") { Description = "cert-manager renewBefore: renew this long before expiry (ignored if not shorter than the lifetime)", HelpName = "DURATION" };
        var renewBeforePercentage = new Option<int?>("--renew-before-percentage") { Description = "cert-manager renewBeforePercentage: renew when this percent of the lifetime remains", HelpName = "N" };
        var at = CommonOptions.At();
        var format = OutputFormat.Create("text", "json");
        var command = new Command("needs-renewal", "Tell whether a certificate needs renewal. Exit 0 = needs renewal, 1 = not yet, 2 = file missing or bad")
        {
            file, expiresIn, renewBefore, renewBeforePercentage, at, format,
        };
        command.SetAction(parse =>
        {
            var step = parse.GetValue(expiresIn);
            var before = parse.GetValue(renewBefore);
            var percentage = parse.GetValue(renewBeforePercentage);
            if (step is not null && (before is not null || percentage is not null))
                throw CliErrors.Error("--expires-in (step) cannot be combined with --renew-before/--renew-before-percentage (cert-manager)");
            var policy = step is not null
                ? RenewalPolicy.ParseExpiresIn(step)
                : RenewalPolicy.CertManagerStyle(before is null ? null : DurationText.Parse(before), percentage);
            var certificate = CliFiles.Certificates(parse.GetValue(file)!)[0];
            var now = CommonOptions.ResolveAt(parse.GetValue(at), context);
            var renewAt = policy.RenewalTime(certificate);
            var needed = now >= renewAt;
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(Json.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("needsRenewal", needed);
                    w.WriteString("renewalTime", Rfc3339.Format(renewAt));
                    w.WriteString("notAfter", Rfc3339.Format(certificate.NotAfter));
                    w.WriteString("subject", certificate.Subject);
                    w.WriteEndObject();
                }));
            }
            else
            {
                context.Out.WriteLine(needed
                    ? $"'{certificate.Subject}' needs renewal: renewal time {Rfc3339.Format(renewAt)} has passed (expires {Rfc3339.Format(certificate.NotAfter)})"
                    : $"'{certificate.Subject}' does not need renewal until {Rfc3339.Format(renewAt)} (expires {Rfc3339.Format(certificate.NotAfter)})");
            }
            return needed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
