using System.CommandLine;
using Trust.Bundles;
using Trust.Cli.Files;

namespace Trust.Cli.Commands;

/// <summary><c>trust bundle</c>: merge PEM inputs into a clean trust-anchor bundle.</summary>
internal static class BundleCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Argument<string>("OUT") { Description = "Output bundle file ('-' for standard output)" };
        var inputs = new Argument<string[]>("INPUT") { Description = "PEM files to merge", Arity = ArgumentArity.OneOrMore };
        var dropExpired = new Option<bool>("--drop-expired") { Description = "Leave out certificates that have expired (Linkerd's check fails on any expired anchor)" };
        var caOnly = new Option<bool>("--ca-only") { Description = "Leave out certificates that are not CAs" };
        var at = CommonOptions.At();
        var force = CommonOptions.Force();
        var format = OutputFormat.Create("text", "json");
        var command = new Command("bundle", "Merge PEM files into a trust-anchor bundle: deduplicated by SHA-256, sorted, comments dropped, Linkerd-safe text")
        {
            output, inputs, dropExpired, caOnly, at, force, format,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            var overwrite = parse.GetValue(force);
            var toStdout = outPath == "-";
            if (!toStdout) OutputFiles.EnsureWritable(overwrite, outPath);
            var options = new BundleOptions
            {
                DropExpiredAt = parse.GetValue(dropExpired) ? CommonOptions.ResolveAt(parse.GetValue(at), context) : null,
                CaOnly = parse.GetValue(caOnly),
            };
            // Inputs are read in chunks and only distinct certificates are kept; the output is written from their DER.
            var builder = new TrustBundleBuilder(options);
            foreach (var path in parse.GetValue(inputs)!) CliFiles.AddCertificates(builder, path);
            var bundle = builder.ToBundle();
            if (bundle.Count == 0) throw CliErrors.Error("no certificate is left in the bundle after filtering; nothing written");
            if (toStdout)
            {
                bundle.WritePem(new TextOutputStream(context.Out));
                return ExitCodes.Ok;
            }
            new OutputFiles().Add(outPath, bundle.WritePem).Commit(overwrite);
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(Json.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("file", outPath);
                    w.WriteNumber("certificates", bundle.Count);
                    w.WriteNumber("read", bundle.CertificatesRead);
                    w.WriteNumber("duplicatesDropped", bundle.DuplicatesDropped);
                    w.WriteNumber("expiredDropped", bundle.ExpiredDropped);
                    w.WriteNumber("nonCaDropped", bundle.NonCaDropped);
                    w.WriteEndObject();
                }));
            }
            else
            {
                context.Out.WriteLine($"Wrote {outPath}: {bundle.Count} certificate(s) from {bundle.CertificatesRead} read " +
                                      $"({bundle.DuplicatesDropped} duplicate, {bundle.ExpiredDropped} expired, {bundle.NonCaDropped} non-CA dropped)");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
