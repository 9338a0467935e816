using System.CommandLine;
using Trust.Certificates;
using Trust.Cli.Files;
using Trust.Identity;
using Trust.Keys;
using Trust.Time;
using Trust.Validation;

namespace Trust.Cli.Commands;

/// <summary><c>trust init</c>: a complete, checked Linkerd identity set in one command.</summary>
internal static class InitCommand
{
    public const string DefaultDirectory = "pki";

    public static Command Create(CliContext context)
    {
        var dir = new Option<string>("--dir") { Description = "Output folder", DefaultValueFactory = _ => DefaultDirectory, HelpName = "DIR" };
        var trustDomain = new Option<string>("--trust-domain") { Description = "Linkerd trust domain (names the anchor root.linkerd.<domain> and issuer identity.linkerd.<domain>)", DefaultValueFactory = _ => "cluster.local", HelpName = "DOMAIN" };
        var anchorLifetime = new Option<string>("--anchor-lifetime") { Description = "Trust anchor lifetime", DefaultValueFactory = _ => "87600h", HelpName = "DURATION" };
        var issuerLifetime = new Option<string>("--issuer-lifetime") { Description = "Issuer lifetime (clamped to the anchor's)", DefaultValueFactory = _ => "8760h", HelpName = "DURATION" };
        var force = CommonOptions.Force();
        var format = OutputFormat.Create("text", "json");
        var command = new Command("init", "Create a checked Linkerd identity set: DIR/ca.crt, DIR/ca.key, DIR/issuer.crt, DIR/issuer.key, and print the install flags")
        {
            dir, trustDomain, anchorLifetime, issuerLifetime, force, format,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir)!;
            var domain = parse.GetValue(trustDomain)!.Trim().TrimEnd('.');
            if (TrustDomain.Check(domain) is { } domainProblem) throw CliErrors.Error($"--trust-domain: {domainProblem.Message}");
            var options = new IdentitySetOptions
            {
                TrustDomain = domain,
                AnchorLifetime = DurationOption.Lifetime("--anchor-lifetime", parse.GetValue(anchorLifetime)!, context.Now),
                IssuerLifetime = DurationOption.Lifetime("--issuer-lifetime", parse.GetValue(issuerLifetime)!, context.Now),
            };
            var overwrite = parse.GetValue(force);
            var json = parse.GetValue(format) == "json";
            var paths = new[] { "ca.crt", "ca.key", "issuer.crt", "issuer.key" }.Select(f => Path.Combine(folder, f)).ToArray();
            OutputFiles.EnsureWritable(overwrite, paths);

            var created = IdentitySet.Create(options, context.Now);
            var report = created.Report;
            if (created.Set is not { } set)
            {
                // Never leave a set behind that Linkerd would refuse.
                CheckCommand.Print(context, report, json ? "json" : "text");
                context.Error.WriteLine("trust: the new set failed its checks; nothing written");
                return ExitCodes.Failed;
            }
            using var _ = set;
            var (anchor, issuer) = (set.Anchor, set.Issuer);
            new OutputFiles()
                .Add(paths[0], set.AnchorPem).AddSecret(paths[1], set.ExportAnchorKeyPem())
                .Add(paths[2], set.IssuerPem).AddSecret(paths[3], set.ExportIssuerKeyPem())
                .Commit(overwrite);

            // One list of each, so the text and JSON outputs cannot drift apart.
            var settings = HelmSettings(paths, domain);
            var helmFlags = settings.Select(s => $"{s.Flag} {s.Key}={ShellWord.Quote(s.Value)}").ToList();
            var linkerdArgs = LinkerdInstallArgs(paths, domain);
            if (json)
            {
                context.Out.WriteLine(Cli.Json.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("anchorCertificate", paths[0]);
                    w.WriteString("anchorKey", paths[1]);
                    w.WriteString("issuerCertificate", paths[2]);
                    w.WriteString("issuerKey", paths[3]);
                    w.WritePropertyName("anchor");
                    Cli.Json.Certificate(w, anchor.Certificate);
                    w.WritePropertyName("issuer");
                    Cli.Json.Certificate(w, issuer.Certificate);
                    w.WriteStartArray("notes");
                    foreach (var n in issuer.Notes) w.WriteStringValue(n);
                    w.WriteEndArray();
                    w.WriteBoolean("checksPassed", report.Passed);
                    w.WriteStartArray("helmFlags");
                    foreach (var f in helmFlags) w.WriteStringValue(f);
                    w.WriteEndArray();
                    // Argument vectors, one string per argument and nothing quoted: for programs, not shells.
                    w.WriteStartArray("helmArgs");
                    foreach (var (flag, key, value) in settings)
                    {
                        w.WriteStringValue(flag);
                        w.WriteStringValue($"{key}={value}");
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("linkerdInstallArgs");
                    foreach (var a in linkerdArgs) w.WriteStringValue(a);
                    w.WriteEndArray();
                    w.WriteStartArray("checks");
                    CheckPrinter.WriteChecks(w, report);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return ExitCodes.Ok;
            }
            var o = context.Out;
            foreach (var note in issuer.Notes) context.Error.WriteLine($"note: {note}");
            o.WriteLine($"Created trust anchor '{anchor.Certificate.Subject}' (ECDSA P-256), expires {Rfc3339.Format(anchor.Certificate.NotAfter)}");
            o.WriteLine($"  {paths[0]}");
            o.WriteLine($"  {paths[1]} (mode 0600; keep it offline, it is needed only to rotate the issuer)");
            o.WriteLine($"Created identity issuer '{issuer.Certificate.Subject}' (ECDSA P-256), expires {Rfc3339.Format(issuer.Certificate.NotAfter)}");
            o.WriteLine($"  {paths[2]}");
            o.WriteLine($"  {paths[3]} (mode 0600)");
            o.WriteLine();
            CheckPrinter.Text(o, report);
            o.WriteLine();
            o.WriteLine("Install Linkerd with this identity (its CRDs first):");
            o.WriteLine("  helm install linkerd-crds linkerd/linkerd-crds -n linkerd --create-namespace");
            o.WriteLine("  helm install linkerd-control-plane linkerd/linkerd-control-plane -n linkerd \\");
            o.WriteLine("    " + string.Join(" \\\n    ", helmFlags));
            o.WriteLine("or:");
            o.WriteLine("  linkerd install --crds | kubectl apply -f -");
            ReportLines.Command(o, "  ", $"linkerd install {string.Join(' ', linkerdArgs.Select(ShellWord.Quote))} | kubectl apply -f -");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The linkerd-control-plane chart's identity values: <c>--set-file KEY=FILE</c>, <c>--set KEY=VALUE</c>.</summary>
    private static List<(string Flag, string Key, string Value)> HelmSettings(string[] paths, string domain)
    {
        var settings = new List<(string, string, string)>
        {
            ("--set-file", "identityTrustAnchorsPEM", paths[0]),
            ("--set-file", "identity.issuer.tls.crtPEM", paths[2]),
            ("--set-file", "identity.issuer.tls.keyPEM", paths[3]),
        };
        if (domain != TrustDomain.Default) settings.Add(("--set", "identityTrustDomain", domain));
        return settings;
    }

    /// <summary>The arguments of <c>linkerd install</c> that use the set.</summary>
    private static List<string> LinkerdInstallArgs(string[] paths, string domain)
    {
        var args = new List<string>
        {
            "--identity-trust-anchors-file", paths[0],
            "--identity-issuer-certificate-file", paths[2],
            "--identity-issuer-key-file", paths[3],
        };
        if (domain != TrustDomain.Default) args.AddRange(["--identity-trust-domain", domain]);
        return args;
    }
}
