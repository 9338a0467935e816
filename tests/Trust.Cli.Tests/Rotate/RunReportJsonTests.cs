using System.Text.Json;
using Trust.Cli.Rotate;
using Trust.Kubernetes;

namespace Trust.Cli.Tests.Rotate;

/// <summary>
/// The JSON report of <c>trust rotate</c>: the shape docs/cli.md promises is pinned here field by field (adding a
/// field is fine; renaming or removing one fails), and every field is present in every outcome.
/// </summary>
public class RunReportJsonTests
{
    private static readonly string[] ReportFields =
        ["outcome", "dryRun", "phaseBefore", "phaseAfter", "actions", "waits", "findings", "anchorExpiryAtRisk", "paused", "clusters",
         "timeline", "rounds", "requests", "lease", "error", "warnings"];

    private static JsonElement Json(RotationRunReport report, string? homeContext = null) =>
        JsonDocument.Parse(RunReportJson.Write(report, RunReports.Names, homeContext)).RootElement.Clone();

    private static void HasFields(JsonElement element, params string[] names)
    {
        foreach (var name in names) Assert.True(element.TryGetProperty(name, out _), $"missing '{name}' in {element}");
    }

    public static TheoryData<string> Outcomes => new() { "good", "dry-run", "busy", "failed", "stopped", "paused", "at-risk" };

    private static RotationRunReport Report(string name) => name switch
    {
        "good" => RunReports.Good(),
        "dry-run" => RunReports.PublishDryRun(),
        "busy" => RunReports.Busy(),
        "failed" => RunReports.Failed(),
        "stopped" => RunReports.Stopped(),
        "paused" => RunReports.Paused(),
        _ => RunReports.AtRisk(),
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Every_report_has_every_field(string outcome)
    {
        var json = Json(Report(outcome));
        HasFields(json, ReportFields);
        HasFields(json.GetProperty("lease"), "holder", "until");
    }

    [Fact]
    public void The_shape_of_every_part_is_pinned()
    {
        var json = Json(RunReports.PublishDryRun());
        Assert.Equal("good", json.GetProperty("outcome").GetString());
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal("publish", json.GetProperty("phaseBefore").GetString());
        Assert.Equal("publish", json.GetProperty("phaseAfter").GetString());
        Assert.Equal(1, json.GetProperty("rounds").GetInt32());
        Assert.Equal(14, json.GetProperty("requests").GetInt64());

        var action = json.GetProperty("actions")[0];
        HasFields(action, "time", "action", "cluster", "object", "message");
        Assert.Equal("2026-11-21T12:00:00Z", action.GetProperty("time").GetString());
        Assert.Equal("write-issuer", action.GetProperty("action").GetString());

        var waits = json.GetProperty("waits");
        foreach (var wait in waits.EnumerateArray()) HasFields(wait, "reason", "cluster", "message", "until", "pods", "workloads");
        Assert.Equal("bundle-too-young", waits[0].GetProperty("reason").GetString());
        Assert.Equal("2026-11-22T06:00:00Z", waits[0].GetProperty("until").GetString());
        Assert.Equal(JsonValueKind.Null, waits[0].GetProperty("cluster").ValueKind);
        Assert.Equal("pods-lack-new-anchor", waits[1].GetProperty("reason").GetString());
        Assert.Equal(3, waits[1].GetProperty("pods").GetInt32());
        Assert.Equal(["shop/web", "shop/statefulset/db"], waits[1].GetProperty("workloads").EnumerateArray().Select(w => w.GetString()));

        var west = json.GetProperty("clusters")[1];
        HasFields(west, "name", "meshedPods", "podsDifferingFromBundle", "workloadsDifferingFromBundle", "identityStartedAt", "notes");
        Assert.Equal(3, west.GetProperty("podsDifferingFromBundle").GetInt32());
        Assert.Equal(JsonValueKind.Null, west.GetProperty("identityStartedAt").ValueKind);
        HasFields(west.GetProperty("notes")[0], "id", "message", "source", "hint", "remedy");
        Assert.Equal("2026-11-21T07:00:00Z", json.GetProperty("clusters")[0].GetProperty("identityStartedAt").GetString());

        var timeline = json.GetProperty("timeline");
        HasFields(timeline, "now", "windows", "milestones");
        Assert.Equal("2026-11-21T12:00:00Z", timeline.GetProperty("now").GetString());
        var windows = timeline.GetProperty("windows");
        Assert.Equal(4, windows.GetArrayLength());
        foreach (var window in windows.EnumerateArray())
            HasFields(window, "label", "cluster", "subject", "fingerprint", "notBefore", "notAfter", "renewAt");
        Assert.Equal(["current anchor", "next anchor", "issuer", "issuer"], windows.EnumerateArray().Select(w => w.GetProperty("label").GetString()));
        Assert.Equal(RunReports.Current.Value.Certificate.Fingerprint, windows[0].GetProperty("fingerprint").GetString());
        Assert.Equal("2027-05-05T12:00:00Z", windows[0].GetProperty("notAfter").GetString());
        Assert.Equal("east", windows[2].GetProperty("cluster").GetString());
        Assert.Equal("2026-11-22T00:00:00Z", windows[2].GetProperty("renewAt").GetString());
        var milestones = timeline.GetProperty("milestones");
        foreach (var m in milestones.EnumerateArray()) HasFields(m, "at", "label", "cluster", "earliest");
        var switchAt = milestones.EnumerateArray().Single(m => m.GetProperty("earliest").GetBoolean());
        Assert.Equal("2026-11-22T06:00:00Z", switchAt.GetProperty("at").GetString());
        Assert.Equal("earliest switch to the next anchor", switchAt.GetProperty("label").GetString());
    }

    [Fact]
    public void Findings_carry_the_remedy_and_the_cli_hint()
    {
        var finding = Json(RunReports.Stopped()).GetProperty("findings")[0];
        HasFields(finding, "id", "message", "source", "hint", "remedy");
        Assert.Equal("issuer-owned-elsewhere", finding.GetProperty("id").GetString());
        Assert.Equal("home", finding.GetProperty("source").GetString());
        Assert.Equal("TakeOverIssuer", finding.GetProperty("remedy").GetProperty("action").GetString());
        Assert.Equal("leave the issuer to its owner, or remove that owner, or take the issuer over explicitly",
            finding.GetProperty("remedy").GetProperty("advice").GetString());
        Assert.EndsWith(": run again with --take-over", finding.GetProperty("hint").GetString());
        Assert.Equal("stopped", Json(RunReports.Stopped()).GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_busy_report_names_the_lease_holder()
    {
        var json = Json(RunReports.Busy());
        Assert.Equal("busy", json.GetProperty("outcome").GetString());
        Assert.Equal("unknown", json.GetProperty("phaseBefore").GetString());
        Assert.Equal("trust-rotate-29411-x7k2p", json.GetProperty("lease").GetProperty("holder").GetString());
        Assert.Equal("2026-11-21T12:04:00Z", json.GetProperty("lease").GetProperty("until").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("timeline").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("error").ValueKind);
    }

    [Fact]
    public void A_failed_report_carries_the_error_and_the_warnings()
    {
        var json = Json(RunReports.Failed());
        Assert.Equal("failed", json.GetProperty("outcome").GetString());
        Assert.Equal(RunReports.Failed().Error, json.GetProperty("error").GetString());
        Assert.Equal(["the Lease linkerd/trust-rotate could not be released; it expires by itself"],
            json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("lease").GetProperty("holder").ValueKind);
    }

    [Fact]
    public void Outcome_and_flags_of_a_run_at_risk()
    {
        var json = Json(RunReports.AtRisk());
        Assert.Equal("at-risk", json.GetProperty("outcome").GetString());
        Assert.True(json.GetProperty("anchorExpiryAtRisk").GetBoolean());
        Assert.True(Json(RunReports.Paused()).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public void Every_outcome_phase_and_wait_reason_has_a_word()
    {
        Assert.All(Enum.GetValues<RotationOutcome>(), o => Assert.Matches("^[a-z-]+$", ReportWords.Outcome(o)));
        Assert.All(Enum.GetValues<Trust.Rotation.RotationPhase>(), p => Assert.Matches("^[a-z]+$", ReportWords.Phase(p)));
        Assert.All(Enum.GetValues<Trust.Rotation.RotationWaitReason>(), r => Assert.Matches("^[a-z-]+$", ReportWords.Wait(r)));
        Assert.Equal(Enum.GetValues<Trust.Rotation.RotationWaitReason>().Length,
            Enum.GetValues<Trust.Rotation.RotationWaitReason>().Select(ReportWords.Wait).Distinct().Count());
    }
}
