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
            Description = "step semantics: N% = renew once N% of the lifetime has passed; DURATION = renew once at most this much validity remains. Default: cert-manager's, at 2/3 of the lifetime",
            HelpName = "N%|DURATION",
        };
        var renewBefore = new Option<string?>("--renew-before")
        {
            Description = "cert-manager renewBefore: renew this long before expiry; must be positive (a value not shorter than the lifetime falls back to cert-manager's default)",
            HelpName = "DURATION",
        };
        var renewBeforePercentage = new Option<string?>("--renew-before-percentage")
        {
            Description = "cert-manager renewBeforePercentage: renew when this percent of the lifetime remains, 1 to 99",
            HelpName = "N",
        };
        var at = CommonOptions.At();
        var format = OutputFormat.Create("text", "json");
        var command = new Command("needs-renewal", "Tell whether a certificate needs renewal (give at most one of the policy options). Exit 0 = needs renewal, 1 = not yet, 2 = bad file or option")
        {
            file, expiresIn, renewBefore, renewBeforePercentage, at, format,
        };
        command.SetAction(parse =>
        {
            var policy = Policy(parse.GetValue(expiresIn), parse.GetValue(renewBefore), parse.GetValue(renewBeforePercentage));
            var certificate = CliFiles.Certificates(parse.GetValue(file)!)[0];
            var now = CommonOptions.ResolveAt(parse.GetValue(at), context);
            var decision = policy.Decide(certificate, now);
            var renewAt = Rfc3339.Format(decision.RenewalTime);
            var expires = Rfc3339.Format(decision.NotAfter);
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(Json.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("needsRenewal", decision.NeedsRenewal);
                    w.WriteString("renewalTime", renewAt);
                    w.WriteString("notBefore", Rfc3339.Format(decision.NotBefore));
                    w.WriteString("notAfter", expires);
                    w.WriteString("subject", certificate.Subject);
                    w.WriteBoolean("expired", now > certificate.NotAfter);
                    w.WriteEndObject();
                }));
            }
            else
            {
                context.Out.WriteLine(decision.NeedsRenewal
                    ? now > certificate.NotAfter
                        ? $"'{certificate.Subject}' needs renewal: it expired {expires} (renewal time was {renewAt})"
                        : $"'{certificate.Subject}' needs renewal: renewal time {renewAt} has come (expires {expires})"
                    : $"'{certificate.Subject}' does not need renewal until {renewAt} (expires {expires})");
            }
            return decision.NeedsRenewal ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>
    /// The policy the options ask for. The library follows cert-manager and quietly falls back for values cert-manager
    /// would ignore (for Certificates already in a cluster); typed on a command line, such values are mistakes.
    /// </summary>
    private static RenewalPolicy Policy(string? expiresIn, string? renewBefore, string? percentage)
    {
        if (expiresIn is not null && (renewBefore ?? percentage) is { } certManager)
        {
            var option = renewBefore is not null ? "--renew-before" : "--renew-before-percentage";
            throw CliErrors.Error(
                $"--expires-in {expiresIn} (step) cannot be combined with {option} {certManager} (cert-manager); give one of them");
        }
        if (renewBefore is not null && percentage is not null)
            throw CliErrors.Error(
                $"--renew-before {renewBefore} and --renew-before-percentage {percentage} cannot be combined (a cert-manager Certificate sets at most one); give one of them");
        if (expiresIn is not null)
        {
            // A duration is how much validity may remain: zero or less would renew only after expiry.
            if (!expiresIn.Trim().EndsWith('%')) DurationOption.Positive("--expires-in", expiresIn);
            try
            {
                return RenewalPolicy.ParseExpiresIn(expiresIn);
            }
            catch (TrustInputException e)
            {
                throw new TrustInputException(CliErrors.Usage, $"--expires-in: {e.Finding.Message}", e);
            }
        }
        if (renewBefore is not null)
            return RenewalPolicy.CertManagerStyle(renewBefore: RenewBeforeOption.Duration("--renew-before", renewBefore));
        if (percentage is not null)
            return RenewalPolicy.CertManagerStyle(renewBeforePercentage: RenewBeforeOption.Percentage("--renew-before-percentage", percentage));
        return RenewalPolicy.Default;
    }
}
