using Trust.Certificates;
using Trust.Time;

namespace Trust.Cli.Commands;

/// <summary>Reports a newly created certificate.</summary>
internal static class Created
{
    public static void Report(CliContext context, string format, string kind, IssuedCertificate issued, string certPath, string keyPath)
    {
        var c = issued.Certificate;
        if (format == "json")
        {
            context.Out.WriteLine(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", kind);
                w.WriteString("certificateFile", certPath);
                w.WriteString("keyFile", keyPath);
                w.WritePropertyName("certificate");
                Json.Certificate(w, c);
                w.WriteStartArray("notes");
                foreach (var n in issued.Notes) w.WriteStringValue(n);
                w.WriteEndArray();
                w.WriteStartArray("warnings");
                foreach (var warning in issued.Warnings) w.WriteStringValue(warning);
                w.WriteEndArray();
                w.WriteEndObject();
            }));
            return;
        }
        foreach (var note in issued.Notes) context.Error.WriteLine($"note: {note}");
        foreach (var warning in issued.Warnings) context.Error.WriteLine($"warning: {warning}");
        context.Out.WriteLine($"Created {kind} '{c.Subject}' ({c.PublicKey}), valid {Rfc3339.Format(c.NotBefore)} to {Rfc3339.Format(c.NotAfter)}");
        context.Out.WriteLine($"  certificate: {certPath}");
        context.Out.WriteLine($"  private key: {keyPath} (mode 0600)");
    }
}
