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
        var (outcome, notes) = HeaderParts(report, names, now);
        // The notes stay whole: on the header line when they fit, else on a line of their own.
        if (notes is null) ReportLines.Prose(o, "", outcome, "  ");
        else if (outcome.Length + notes.Length + 3 <= ReportLines.Width) o.WriteLine($"{outcome} ({notes})");
        else
        {
            ReportLines.Prose(o, "", outcome, "  ");
            o.WriteLine($"  ({notes})");
        }
        if (report.Error is { } error) ReportLines.Prose(o, "  error: ", error, "    ");
        var multicluster = report.Clusters.Count > 1;

        if (report.Actions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine(report.DryRun ? "planned (dry run: nothing written)" : "done");
            foreach (var a in report.Actions)
                ReportLines.Prose(o, $"  {a.Action,-13} ", $"{a.Object}{(multicluster ? $" in {a.Cluster}" : "")}: {a.Message}", new string(' ', 16));
        }

        if (report.Waits.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("waiting for");
            foreach (var w in report.Waits)
            {
                ReportLines.Prose(o, "  ", $"{ReportWords.Wait(w.Reason)}{(w.Cluster is null ? "" : $" ({w.Cluster})")}: {w.Message}", "    ");
                if (w.Until is { } until) o.WriteLine($"    until {Rfc3339.Format(until)} ({RelativeTime.From(until, now)})");
                if (w.Pods > 0 || w.Workloads.Count > 0)
                    ReportLines.Prose(o, "    ", $"{w.Pods} pod(s){(w.Workloads.Count > 0 ? $": {string.Join(", ", w.Workloads)}" : "")}", "      ");
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
                ReportLines.Prose(o, "  ", $"{c.Name}: {c.MeshedPods} running meshed pod(s); {(c.IdentityStartedAt is { } started
                    ? $"identity controller started {Rfc3339.Format(started)}"
                    : "no identity controller running")}", "    ");
                if (c.PodsDifferingFromBundle > 0)
                    ReportLines.Prose(o, "    ", $"{c.PodsDifferingFromBundle} pod(s) whose proxies' anchors differ from the bundle{(c.WorkloadsDifferingFromBundle.Count > 0
                        ? $": {string.Join(", ", c.WorkloadsDifferingFromBundle)}" : "")}", "      ");
                foreach (var note in c.Notes) ReportLines.Prose(o, "    note: ", note.ToString(), "      ");
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
            foreach (var w in report.Warnings) ReportLines.Prose(o, "  ", w, "    ");
        }
    }

    /// <summary>The header: the phases, the outcome and what it means; and the notes (dry run, pause, rounds and
    /// requests), printed in parentheses. The error, if any, follows on a line of its own.</summary>
    private static (string Outcome, string? Notes) HeaderParts(RotationRunReport report, RotationJobOptions names, DateTimeOffset now)
    {
        var lease = $"{names.AnchorNamespace}/{names.LeaseName}";
        var phases = report.PhaseBefore == RotationPhase.Unknown && report.PhaseAfter == RotationPhase.Unknown
            ? "phase unknown"
            : $"{ReportWords.Phase(report.PhaseBefore)} -> {ReportWords.Phase(report.PhaseAfter)}";
        var outcome = report.Outcome switch
        {
            RotationOutcome.Good when report.Paused => $"{phases}: paused, no anchor rotation advances until it is resumed",
            RotationOutcome.Good => $"{phases}: good",
            RotationOutcome.AtRisk => $"{phases}: AT RISK, the anchor expires before the rotation can finish",
            RotationOutcome.Blocked => $"{phases}: BLOCKED, an emergency rotation was asked for but rotation is paused",
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
        if (report.Paused && report.Outcome is not (RotationOutcome.Good or RotationOutcome.Blocked)) notes.Add("rotation paused");
        if (report.Outcome != RotationOutcome.Busy)
            notes.Add($"{report.Rounds} round(s), {report.Requests} API request(s)");
        return (outcome, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private static void Finding(TextWriter o, Finding f, string mark, RotationJobOptions names, string? homeContext)
    {
        ReportLines.Prose(o, $"  {mark} ", $"[{f.Id}] {f}", "    ");
        if (f.Remedy is not { } remedy) return;
        var (advice, command) = RemedyText.RotationHint(remedy, names, homeContext);
        ReportLines.Prose(o, "    hint: ", command is null ? advice : advice + ":", "      ");
        if (command is not null) ReportLines.Command(o, "      ", command);
    }
}
