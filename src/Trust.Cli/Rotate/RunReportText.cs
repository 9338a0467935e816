using Trust.Findings;
using Trust.Kubernetes;
using Trust.Rotation;
using Trust.Time;

namespace Trust.Cli.Rotate;

/// <summary>A run report as text for people: a header line, then the actions, the waits, the findings with their
/// remedies in the CLI's words, the clusters, and the timeline.</summary>
internal static class RunReportText
{
    public static void Write(TextWriter o, RotationRunReport report, RotationJobOptions names, string? homeContext, DateTimeOffset now)
    {
        o.WriteLine(Header(report, names, now));
        if (report.Error is { } error) o.WriteLine($"  error: {error}");
        var multicluster = report.Clusters.Count > 1;

        if (report.Actions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(report.DryRun ? "planned (dry run: nothing written)" : "done");
            foreach (var a in report.Actions)
                o.WriteLine($"  {a.Action,-13} {a.Object}{(multicluster ? $" in {a.Cluster}" : "")}: {a.Message}");
        }

        if (report.Waits.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("waiting for");
            foreach (var w in report.Waits)
            {
                o.WriteLine($"  {ReportWords.Wait(w.Reason)}{(w.Cluster is null ? "" : $" ({w.Cluster})")}: {w.Message}");
                if (w.Until is { } until) o.WriteLine($"    until {Rfc3339.Format(until)} ({RelativeTime.From(until, now)})");
                if (w.Pods > 0 || w.Workloads.Count > 0)
                    o.WriteLine($"    {w.Pods} pod(s){(w.Workloads.Count > 0 ? $": {string.Join(", ", w.Workloads)}" : "")}");
            }
        }

        if (report.Findings.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("findings");
            var mark = report.Outcome == RotationOutcome.Stopped ? "×" : "‼";
            foreach (var f in report.Findings) Finding(o, f, mark, names, homeContext);
        }

        if (report.Clusters.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("clusters");
            foreach (var c in report.Clusters)
            {
                o.WriteLine($"  {c.Name}: {c.MeshedPods} running meshed pod(s); {(c.IdentityStartedAt is { } started
                    ? $"identity controller started {Rfc3339.Format(started)}"
                    : "no identity controller running")}");
                if (c.PodsDifferingFromBundle > 0)
                    o.WriteLine($"    {c.PodsDifferingFromBundle} pod(s) whose proxies' anchors differ from the bundle{(c.WorkloadsDifferingFromBundle.Count > 0
                        ? $": {string.Join(", ", c.WorkloadsDifferingFromBundle)}" : "")}");
                foreach (var note in c.Notes) o.WriteLine($"    note: {note}");
            }
        }

        if (report.Timeline is { } timeline)
        {
            o.WriteLine();
            TimelineChart.Write(o, timeline);
        }

        if (report.Warnings.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("warnings");
            foreach (var w in report.Warnings) o.WriteLine($"  {w}");
        }
    }

    /// <summary>One line: the phases, the outcome and what it means (the error, if any, follows on a line of its own).</summary>
    public static string Header(RotationRunReport report, RotationJobOptions names, DateTimeOffset now)
    {
        var lease = $"{names.AnchorNamespace}/{names.LeaseName}";
        var phases = report.PhaseBefore == RotationPhase.Unknown && report.PhaseAfter == RotationPhase.Unknown
            ? "phase unknown"
            : $"{ReportWords.Phase(report.PhaseBefore)} -> {ReportWords.Phase(report.PhaseAfter)}";
        var outcome = report.Outcome switch
        {
            RotationOutcome.Good => $"{phases}: good",
            RotationOutcome.AtRisk => $"{phases}: AT RISK, the anchor expires before the rotation can finish",
            RotationOutcome.Stopped => $"{phases}: stopped, the state needs a person; nothing written",
            RotationOutcome.Busy => $"busy: another run holds the Lease {lease}"
                                    + (report.LeaseHolder is { } holder ? $" ({holder}" + (report.LeaseHeldUntil is { } until
                                        ? $", until {Rfc3339.Format(until)}, {RelativeTime.From(until, now)})" : ")") : "")
                                    + "; nothing written",
            RotationOutcome.Unsettled => $"{phases}: unsettled, writes remain after every round the run may take",
            RotationOutcome.Failed => $"{phases}: failed, an API call failed after its retries",
            _ => $"{phases}: {ReportWords.Outcome(report.Outcome)}",
        };
        var notes = new List<string>();
        if (report.DryRun) notes.Add("dry run, nothing written");
        if (report.Paused) notes.Add("rotation paused");
        if (report.Outcome != RotationOutcome.Busy)
            notes.Add($"{report.Rounds} round(s), {report.Requests} API request(s)");
        return notes.Count == 0 ? outcome : $"{outcome} ({string.Join("; ", notes)})";
    }

    private static void Finding(TextWriter o, Finding f, string mark, RotationJobOptions names, string? homeContext)
    {
        o.WriteLine($"  {mark} [{f.Id}] {f}");
        if (f.Remedy is { } remedy) o.WriteLine($"    hint: {RemedyText.ForRotation(remedy, names, homeContext)}");
    }
}
