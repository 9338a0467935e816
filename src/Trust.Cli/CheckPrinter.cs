using Trust.Validation;

namespace Trust.Cli;

/// <summary>Prints a check report as <c>linkerd check</c> does, or as JSON.</summary>
internal static class CheckPrinter
{
    public static void Text(TextWriter o, CheckReport report)
    {
        o.WriteLine("linkerd-identity");
        o.WriteLine("----------------");
        foreach (var f in report.Findings)
        {
            var mark = f.Passed ? "√" : f.Severity == CheckSeverity.Warning ? "‼" : "×";
            o.WriteLine($"{mark} {f.Title}");
            if (f.Passed) continue;
            o.WriteLine($"    {f.Message}");
            o.WriteLine($"    [{f.Id}, {f.Severity.ToString().ToLowerInvariant()}] hint: {RemedyText.ForCheck(f)}");
        }
        o.WriteLine();
        var warnings = report.Warnings.Count();
        o.WriteLine(report.Passed
            ? $"Status check results are √{(warnings > 0 ? $" ({warnings} warning(s))" : "")}"
            : "Status check results are ×");
    }

    public static string Json(CheckReport report) => Cli.Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("passed", report.Passed);
        w.WriteStartArray("checks");
        WriteChecks(w, report);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Each check as an object, into an array the caller opened (<c>check</c>'s and <c>init</c>'s "checks").</summary>
    public static void WriteChecks(System.Text.Json.Utf8JsonWriter w, CheckReport report)
    {
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("title", f.Title);
            w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            w.WriteString("status", f.Passed ? "pass" : "fail");
            w.WriteString("message", f.Message);
            if (f.Remedy is not null)
            {
                w.WriteString("hint", RemedyText.ForCheck(f));
                w.WriteStartObject("remedy");
                w.WriteString("action", f.Remedy.Action.ToString());
                w.WriteString("advice", f.Remedy.Advice);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
    }
}
