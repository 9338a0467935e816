using System.Text.Json;
using Trust.Findings;
using Trust.Kubernetes;
using Trust.Time;

namespace Trust.Cli.Rotate;

/// <summary>
/// A run report as one JSON object with the stable field names docs/cli.md lists: every field is always present
/// (null when it has no value), times are RFC 3339 UTC, enumerations are the lowercase words of <see cref="ReportWords"/>.
/// </summary>
internal static class RunReportJson
{
    public static string Write(RotationRunReport report, RotationJobOptions names, string? homeContext) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("outcome", ReportWords.Outcome(report.Outcome));
        w.WriteBoolean("dryRun", report.DryRun);
        w.WriteString("phaseBefore", ReportWords.Phase(report.PhaseBefore));
        w.WriteString("phaseAfter", ReportWords.Phase(report.PhaseAfter));

        w.WriteStartArray("actions");
        foreach (var a in report.Actions)
        {
            w.WriteStartObject();
            w.WriteString("time", Rfc3339.Format(a.At));
            w.WriteString("action", a.Action);
            w.WriteString("cluster", a.Cluster);
            w.WriteString("object", a.Object);
            w.WriteString("message", a.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("waits");
        foreach (var wait in report.Waits)
        {
            w.WriteStartObject();
            w.WriteString("reason", ReportWords.Wait(wait.Reason));
            w.WriteString("cluster", wait.Cluster);
            w.WriteString("message", wait.Message);
            Json.Time(w, "until", wait.Until);
            w.WriteNumber("pods", wait.Pods);
            Strings(w, "workloads", wait.Workloads);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Findings(w, "findings", report.Findings, names, homeContext);
        w.WriteBoolean("anchorExpiryAtRisk", report.AnchorExpiryAtRisk);
        w.WriteBoolean("paused", report.Paused);

        w.WriteStartArray("clusters");
        foreach (var c in report.Clusters)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteNumber("meshedPods", c.MeshedPods);
            w.WriteNumber("podsDifferingFromBundle", c.PodsDifferingFromBundle);
            Strings(w, "workloadsDifferingFromBundle", c.WorkloadsDifferingFromBundle);
            Json.Time(w, "identityStartedAt", c.IdentityStartedAt);
            Findings(w, "notes", c.Notes, names, homeContext);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (report.Timeline is { } timeline)
        {
            w.WriteStartObject("timeline");
            w.WriteString("now", Rfc3339.Format(timeline.Now));
            w.WriteStartArray("windows");
            foreach (var window in timeline.Windows)
            {
                w.WriteStartObject();
                w.WriteString("label", window.Label);
                w.WriteString("cluster", window.Cluster);
                w.WriteString("subject", window.Subject);
                w.WriteString("fingerprint", window.Fingerprint);
                w.WriteString("notBefore", Rfc3339.Format(window.NotBefore));
                w.WriteString("notAfter", Rfc3339.Format(window.NotAfter));
                Json.Time(w, "renewAt", window.RenewAt);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("milestones");
            foreach (var m in timeline.Milestones)
            {
                w.WriteStartObject();
                w.WriteString("at", Rfc3339.Format(m.At));
                w.WriteString("label", m.Label);
                w.WriteString("cluster", m.Cluster);
                w.WriteBoolean("earliest", m.Earliest);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("timeline");

        w.WriteNumber("rounds", report.Rounds);
        w.WriteNumber("requests", report.Requests);
        w.WriteStartObject("lease");
        w.WriteString("holder", report.LeaseHolder);
        Json.Time(w, "until", report.LeaseHeldUntil);
        w.WriteEndObject();
        w.WriteString("error", report.Error);
        Strings(w, "warnings", report.Warnings);
        w.WriteEndObject();
    });

    private static void Findings(Utf8JsonWriter w, string name, IReadOnlyList<Finding> findings, RotationJobOptions names, string? homeContext)
    {
        w.WriteStartArray(name);
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("message", f.Message);
            w.WriteString("source", f.Source);
            if (f.Remedy is { } remedy)
            {
                w.WriteString("hint", RemedyText.ForRotation(remedy, names, homeContext));
                w.WriteStartObject("remedy");
                w.WriteString("action", remedy.Action.ToString());
                w.WriteString("advice", remedy.Advice);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("hint");
                w.WriteNull("remedy");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
