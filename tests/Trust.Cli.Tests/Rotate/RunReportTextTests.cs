using Trust.Cli.Rotate;
using Trust.Kubernetes;
using Trust.Rotation;

namespace Trust.Cli.Tests.Rotate;

/// <summary>The text report of <c>trust rotate</c>, for every outcome, and its timeline.</summary>
public class RunReportTextTests
{
    private static string Text(RotationRunReport report, string? homeContext = null)
    {
        var o = new StringWriter();
        RunReportText.Write(o, report, RunReports.Names, homeContext, RunReports.Now);
        return o.ToString().ReplaceLineEndings("\n");
    }

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void A_good_run_prints_its_actions_clusters_and_timeline()
    {
        Assert.Equal("""
            stable -> stable: good (2 round(s), 9 API request(s))

            done
              write-issuer  Secret linkerd/linkerd-identity-issuer: write a new issuer in
                            home (renewal due), valid until 2026-11-23T12:00:00Z, signed by
                            anchor sha256 0123456789abcdef…
              record        Secret linkerd/linkerd-trust-anchor: record phase stable

            clusters
              home: 120 running meshed pod(s); identity controller started
                2026-11-18T12:00:00Z

            timeline, now 2026-11-21T12:00:00Z
              [====] valid   R renewal or rotation start   - past it   | now
            anchors          2026-05-05               v          2027-05-05
            current anchor   [========================|====R--------------] ends in 165d
                             one column = 8d 2h, dates UTC
            issuers          2026-11-20 16:00   v          2026-11-22 16:00
            issuer           [==================|==========R--------------] ends in 1d 4h
                             one column = 1h 4m, dates UTC
            coming changes
              2026-11-22T00:00:00Z  in 12h       issuer renewal
              2026-11-22T16:00:00Z  in 1d 4h     issuer expires
              2027-01-03T20:00:00Z  in 43d 8h    anchor rotation starts: next one published
              2027-05-05T12:00:00Z  in 165d      current anchor expires

            """, Text(RunReports.Good()));
    }

    [Fact]
    public void The_timeline_draws_every_window_on_its_axis_with_now_and_renewal_marked()
    {
        var text = Text(RunReports.PublishDryRun());
        var lines = Lines(text);
        var chart = lines.SkipWhile(l => !l.StartsWith("timeline", StringComparison.Ordinal)).TakeWhile(l => l != "coming changes").ToList();
        Assert.All(chart, l => Assert.True(l.Length <= TimelineChart.Width, $"{l.Length} columns: {l}"));

        string Row(string label) => Assert.Single(chart, l => l.StartsWith(label + " ", StringComparison.Ordinal));
        int Now(string row) => row.IndexOf('|', 17);

        // Anchors share one axis: now is in the same column on every row and under the axis's 'v'.
        var current = Row("current anchor");
        var next = Row("next anchor");
        var anchorAxis = Row("anchors");
        Assert.Equal(anchorAxis.IndexOf('v'), Now(current));
        Assert.Equal(Now(current), Now(next));
        Assert.True(current.IndexOf('[') < Now(current) && Now(current) < current.IndexOf(']'), current);
        Assert.DoesNotContain('R', current); // a rotation under way: the current anchor has no renewal time of its own
        Assert.True(current.IndexOf(']') < next.IndexOf(']'), "the next anchor outlives the current one");
        Assert.EndsWith("ends in 165d", current);
        Assert.EndsWith("ends in 363d", next);

        // Issuers: their own, zoomed axis, one row per cluster; [ before now before R before ], '-' past R.
        var issuerAxis = Row("issuers");
        foreach (var issuer in new[] { Row("issuer east"), Row("issuer west") })
        {
            var (start, now, renew, end) = (issuer.IndexOf('['), Now(issuer), issuer.IndexOf('R'), issuer.IndexOf(']'));
            Assert.True(start < now && now < renew && renew < end, issuer);
            Assert.Equal(issuerAxis.IndexOf('v'), now);
            Assert.Matches("^-+$", issuer[(renew + 1)..end]);
            Assert.Matches("^=+$", issuer[(start + 1)..now]);
            Assert.EndsWith("ends in 1d 4h", issuer);
        }
        Assert.StartsWith("issuers          2026-11-20 16:00", issuerAxis);
        Assert.EndsWith("2026-11-22 16:00", issuerAxis);
        Assert.StartsWith("anchors          2026-05-05", anchorAxis);
        Assert.EndsWith("2027-11-19", anchorAxis);

        // Milestones: every one, in order, with its date, the time from now and the cluster.
        Assert.Equal(
        [
            "  2026-11-22T00:00:00Z  in 12h       issuer renewal (east)",
            "  2026-11-22T00:00:00Z  in 12h       issuer renewal (west)",
            "  2026-11-22T06:00:00Z  in 18h       earliest switch to the next anchor",
            "  2026-11-22T16:00:00Z  in 1d 4h     issuer expires (east)",
            "  2026-11-22T16:00:00Z  in 1d 4h     issuer expires (west)",
            "  2027-05-05T12:00:00Z  in 165d      current anchor expires",
            "  2027-11-19T12:00:00Z  in 363d      next anchor expires",
        ], lines.SkipWhile(l => l != "coming changes").Skip(1).TakeWhile(l => l.Length > 0));
    }

    [Fact]
    public void A_dry_run_prints_planned_writes_waits_and_differing_proxies()
    {
        var text = Text(RunReports.PublishDryRun());
        Assert.StartsWith("publish -> publish: good\n  (dry run, nothing written; 1 round(s), 14 API request(s))\n", text);
        Assert.Contains("""
            planned (dry run: nothing written)
              write-issuer  Secret linkerd/linkerd-identity-issuer in west: write a new
                            issuer in west (renewal due)

            waiting for
              bundle-too-young: the bundle with the new anchor was published 6h ago; the
                minimum is 24h
                until 2026-11-22T06:00:00Z (in 18h)
              pods-lack-new-anchor (west): 3 meshed pods do not trust the new anchor yet
                3 pod(s): shop/web, shop/statefulset/db

            clusters
              east: 40 running meshed pod(s); identity controller started
                2026-11-21T07:00:00Z
              west: 12 running meshed pod(s); no identity controller running
                3 pod(s) whose proxies' anchors differ from the bundle: shop/web,
                  shop/statefulset/db
                note: Secret linkerd/linkerd-identity-issuer in west: has no ca.crt
            """, text);
    }

    [Fact]
    public void A_busy_run_names_the_holder_and_nothing_else()
    {
        Assert.Equal(
            "busy: another run holds the Lease linkerd/trust-rotate\n  (trust-rotate-29411-x7k2p, until 2026-11-21T12:04:00Z, in 4m); nothing written\n",
            Text(RunReports.Busy()));
    }

    [Fact]
    public void A_failed_run_prints_the_error_on_a_line_of_its_own_and_its_warnings()
    {
        var lines = Lines(Text(RunReports.Failed()));
        Assert.Equal(["stable -> stable: failed, an API call failed after its retries", "  (1 round(s), 7 API request(s))"], lines[..2]);
        // The error, wrapped: its words in order, on lines of their own.
        var error = lines.Skip(2).TakeWhile(l => l.Length > 0).ToList();
        Assert.StartsWith("  error: ", error[0]);
        Assert.All(error.Skip(1), l => Assert.StartsWith("    ", l));
        Assert.Equal($"error: {RunReports.Failed().Error}", string.Join(" ", error.Select(l => l.Trim())));
        Assert.Equal(["warnings", "  the Lease linkerd/trust-rotate could not be released; it expires by itself", ""], lines[^3..]);
        Assert.Contains("timeline, now 2026-11-21T12:00:00Z", lines);
    }

    [Fact]
    public void A_stopped_run_prints_its_findings_with_the_remedy_in_cli_words()
    {
        var text = Text(RunReports.Stopped());
        Assert.StartsWith("phase unknown: stopped, the state needs a person; nothing written\n  (1 round(s), 6 API request(s))\n", text);
        Assert.Contains("""
            findings
              × [issuer-owned-elsewhere] home: the issuer is owned by cert-manager
                Certificate linkerd/linkerd-identity-issuer
                hint: leave the issuer to its owner, or remove that owner, or take the
                  issuer over explicitly: run again with --take-over
            """, text);
    }

    [Fact]
    public void A_paused_rotation_says_how_to_resume_it()
    {
        var text = Text(RunReports.Paused(), homeContext: "prod east");
        Assert.StartsWith("stable -> stable: paused, no anchor rotation advances until it is resumed\n  (1 round(s), 6 API request(s))\n", text);
        Assert.DoesNotContain(": good", text);
        Assert.Contains("  ‼ [rotation-paused] the anchor is due for rotation since 2026-11-01T00:00:00Z\n    and rotation is paused\n", text);
        // The command on lines of its own, continued with a backslash: pasted, it is one command.
        Assert.Contains("""
                hint: resume rotation once the reason for the pause is gone:
                  kubectl --context 'prod east' annotate secret -n linkerd \
                    linkerd-trust-anchor trust-rotate/paused-

            """, text);
        Assert.Contains("  paused: the anchor is due for rotation since", text);
    }

    [Fact]
    public void A_run_at_risk_says_so_first_and_how_to_help()
    {
        var text = Text(RunReports.AtRisk());
        Assert.StartsWith("publish -> publish: AT RISK, the anchor expires before the rotation can finish\n  (1 round(s), 8 API request(s))\n", text);
        Assert.Contains("""
                hint: restart the identity controller and the meshed workloads that do not
                  trust the new anchor: run again with --restart, or kubectl rollout restart
                  each workload named
            """, text);
    }

    [Fact]
    public void An_unsettled_run_gives_its_reason()
    {
        var report = new RotationRunReport
        {
            Outcome = RotationOutcome.Unsettled, PhaseBefore = RotationPhase.Publish, PhaseAfter = RotationPhase.Publish,
            Rounds = 6, Requests = 80, Error = "still 2 write(s) to make after 6 rounds",
        };
        Assert.Equal(
            "publish -> publish: unsettled, writes remain after every round the run may take\n  (6 round(s), 80 API request(s))\n  error: still 2 write(s) to make after 6 rounds\n",
            Text(report));
    }

    [Fact]
    public void An_emergency_blocked_by_a_pause_says_so_first()
    {
        var report = RunReports.Paused();
        report.Outcome = RotationOutcome.Blocked;
        report.EmergencyBlocked = true;
        var text = Text(report);
        Assert.StartsWith("stable -> stable: BLOCKED, an emergency rotation was asked for but rotation is\n  paused\n", text);
        Assert.DoesNotContain("good", text);
    }

    public static TheoryData<string> EveryReport => ["good", "publish", "busy", "failed", "stopped", "paused", "at-risk", "long names"];

    [Theory]
    [MemberData(nameof(EveryReport))]
    public void No_line_is_wider_than_80_columns(string which)
    {
        var report = which switch
        {
            "good" => RunReports.Good(),
            "publish" => RunReports.PublishDryRun(),
            "busy" => RunReports.Busy(),
            "failed" => RunReports.Failed(),
            "stopped" => RunReports.Stopped(),
            "paused" => RunReports.Paused(),
            "at-risk" => RunReports.AtRisk(),
            _ => RunReports.LongNames(),
        };
        var names = which == "long names" ? RunReports.Names with { AnchorNamespace = "trust-system-production", AnchorSecret = "linkerd-trust-anchor-production-eu-west" } : RunReports.Names;
        var o = new StringWriter();
        RunReportText.Write(o, report, names, which == "long names" ? "gke_project-123456_europe-west1_production" : null, RunReports.Now);
        foreach (var line in Lines(o.ToString().ReplaceLineEndings("\n")))
            Assert.True(line.Length <= 80, $"{line.Length} columns: {line}");
    }

    [Fact]
    public void Nothing_read_yet_draws_no_bars()
    {
        var empty = RotationTimeline.Of(new RotationState { Clusters = [new ClusterState { Name = "home" }] },
            new RotationPolicy(), RunReports.Now);
        var o = new StringWriter();
        TimelineChart.Write(o, empty);
        Assert.Equal("""
            timeline, now 2026-11-21T12:00:00Z
              [====] valid   R renewal or rotation start   - past it   | now
              no anchor or issuer yet

            """, o.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(0, "now")]
    [InlineData(59, "in 59s")]
    [InlineData(-3600, "1h ago")]
    [InlineData(3 * 86400 + 4 * 3600 + 59 * 60, "in 3d 4h")]
    [InlineData(2 * 86400, "in 2d")]
    [InlineData(16 * 3600 + 5 * 60, "in 16h 5m")]
    [InlineData(45 * 60, "in 45m")]
    [InlineData(120 * 86400 + 3600, "in 120d")]
    public void Relative_times_read_at_a_glance(int seconds, string expected) =>
        Assert.Equal(expected, RelativeTime.From(RunReports.Now.AddSeconds(seconds), RunReports.Now));

    [Fact]
    public void A_long_label_is_cut_to_keep_the_bars_aligned()
    {
        var issuer = new StoredIssuer([RunReports.Issuer.Value.Certificate], RunReports.Issuer.Value.Key);
        var o = new StringWriter();
        TimelineChart.Write(o, RotationTimeline.Of(new RotationState
        {
            Current = RunReports.Stored(RunReports.Current.Value),
            Clusters =
            [
                new ClusterState { Name = "gke_project-123_europe-west1_production", Issuer = issuer },
                new ClusterState { Name = "b", Issuer = issuer },
            ],
        }, new RotationPolicy(), RunReports.Now));
        var rows = o.ToString().Split('\n').Where(l => l.StartsWith("issuer ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("issuer gke_proj~ [", rows[0]);
        Assert.StartsWith("issuer b         [", rows[1]);
        Assert.Equal(rows[0].IndexOf('|'), rows[1].IndexOf('|'));
    }
}
