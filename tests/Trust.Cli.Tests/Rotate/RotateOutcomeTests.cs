using System.Text.Json;
using Trust.Cli.Commands;
using Trust.Cli.Rotate;
using Trust.Kubernetes;

namespace Trust.Cli.Tests.Rotate;

/// <summary>Exit codes of <c>trust rotate</c> for every outcome, and what it writes on standard error.</summary>
public class RotateOutcomeTests
{
    public static TheoryData<RotationOutcome, int> ExitCodesByOutcome => new()
    {
        { RotationOutcome.Good, 0 },
        { RotationOutcome.AtRisk, 1 },
        { RotationOutcome.Unsettled, 1 },
        { RotationOutcome.Blocked, 1 },
        { RotationOutcome.Stopped, 3 },
        { RotationOutcome.Busy, 4 },
        { RotationOutcome.Failed, 5 },
    };

    [Theory]
    [MemberData(nameof(ExitCodesByOutcome))]
    public void Every_outcome_has_its_exit_code(RotationOutcome outcome, int exit)
    {
        Assert.Equal(exit, RotateCommand.ExitCode(outcome));
        var (code, _, _) = Finish(new RotationRunReport { Outcome = outcome, DryRun = true }, json: false);
        Assert.Equal(exit, code);
    }

    [Fact]
    public void Every_outcome_is_mapped()
    {
        Assert.Equal(Enum.GetValues<RotationOutcome>().Order(), ExitCodesByOutcome.Select(row => (RotationOutcome)row[0]).Order());
    }

    private static (int Exit, string Out, string[] Err) Finish(RotationRunReport report, bool json)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = RotateCommand.Finish(new CliContext(stdout, stderr, TestClock.At(RunReports.Now)), report, RunReports.Names, null, json);
        return (exit, stdout.ToString(), stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_failed_run_logs_its_warnings_and_names_the_failure_in_one_line(bool json)
    {
        var report = RunReports.Failed();
        var (exit, stdout, stderr) = Finish(report, json);
        Assert.Equal(5, exit);
        Assert.Equal(2, stderr.Length);
        var warning = JsonDocument.Parse(stderr[0]).RootElement;
        Assert.Equal("warn", warning.GetProperty("level").GetString());
        Assert.Equal("2026-11-21T12:00:00Z", warning.GetProperty("time").GetString());
        Assert.Equal(report.Warnings[0], warning.GetProperty("message").GetString());
        Assert.Equal($"trust: {report.Error}", stderr[1]);
        if (json) Assert.Equal("failed", JsonDocument.Parse(stdout).RootElement.GetProperty("outcome").GetString());
        else Assert.StartsWith("stable -> stable: failed", stdout);
    }

    [Fact]
    public void A_good_run_writes_nothing_on_stderr()
    {
        var (exit, stdout, stderr) = Finish(RunReports.Good(), json: false);
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.StartsWith("stable -> stable: good", stdout);
    }

    [Fact]
    public void Each_action_is_one_json_line_with_the_documented_fields()
    {
        var stderr = new StringWriter();
        var action = new RotationAction("write-bundle", "home", "ConfigMap linkerd/linkerd-identity-trust-roots",
            "write the trust bundle of home: 2 anchor(s), 1 added, 0 removed", RunReports.Now.AddSeconds(3));
        ActionLog.Action(stderr, action);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal(["time", "level", "action", "cluster", "object", "message"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-21T12:00:03Z", json.GetProperty("time").GetString());
        Assert.Equal("info", json.GetProperty("level").GetString());
        Assert.Equal("write-bundle", json.GetProperty("action").GetString());
        Assert.Equal("home", json.GetProperty("cluster").GetString());
        Assert.Equal("ConfigMap linkerd/linkerd-identity-trust-roots", json.GetProperty("object").GetString());
    }
}
