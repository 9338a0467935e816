using System.Diagnostics;
using FsCheck.Xunit;
using Trust.Renewal;
using Trust.Rotation;
using Xunit.Abstractions;

namespace Trust.Tests.Rotation;

/// <summary>
/// Years of hourly rotation runs against an in-memory mesh with random faults (a write failing, a run dying after any
/// write, a run skipped) and random pod and identity-controller restarts; every invariant of the reference is checked
/// after every run (see <see cref="MeshSimulation"/>). FsCheck picks the seed; a failure prints it for replay.
/// </summary>
public class RotationSimulationTests(ITestOutputHelper output)
{
    private const int HoursPerYear = 24 * 365;

    [Property(MaxTest = 1)]
    public void Three_years_with_the_default_policy_in_two_clusters_keep_every_invariant(int seed)
    {
        var watch = Stopwatch.StartNew();
        var simulation = new MeshSimulation(seed, new RotationPolicy(), new MeshBehaviour(), "home", "east");
        simulation.Run(3 * HoursPerYear + 24 * 30);
        Report(simulation, seed, watch);
        Assert.True(simulation.CurrentAnchorsSeen.Count >= 5, $"only {simulation.CurrentAnchorsSeen.Count} anchors in three years");
        Assert.Contains(RotationPhase.Publish, simulation.PhasesSeen.Keys);
        Assert.Contains(RotationPhase.Switch, simulation.PhasesSeen.Keys);
        Assert.True(simulation.FaultsInjected > 30, $"only {simulation.FaultsInjected} faults");
    }

    [Property(MaxTest = 1)]
    public void A_year_of_month_long_anchors_in_three_clusters_with_no_minimum_bundle_age_and_fast_churn_keeps_every_invariant(int seed)
    {
        var watch = Stopwatch.StartNew();
        var policy = new RotationPolicy
        {
            AnchorLifetime = TimeSpan.FromDays(30),
            IssuerRenewal = RenewalPolicy.CertManagerStyle(TimeSpan.FromHours(25)),
            MinBundleAge = TimeSpan.Zero,
        };
        var behaviour = new MeshBehaviour
        {
            PodsPerCluster = 8,
            TypicalPodLife = TimeSpan.FromDays(1),
            LongestPodLife = TimeSpan.FromDays(5),
            TypicalIdentityLife = TimeSpan.FromDays(1),
            LongestIdentityLife = TimeSpan.FromDays(4),
            WriteFailure = 0.05,
            DeathAfterStep = 0.05,
            SkippedRun = 0.05,
        };
        var simulation = new MeshSimulation(seed, policy, behaviour, "home", "east", "west");
        simulation.Run(HoursPerYear);
        Report(simulation, seed, watch);
        Assert.True(simulation.CurrentAnchorsSeen.Count >= 15, $"only {simulation.CurrentAnchorsSeen.Count} anchors in a year");
    }

    private void Report(MeshSimulation simulation, int seed, Stopwatch watch) =>
        output.WriteLine($"seed {seed}: {simulation.Runs} runs, {simulation.WritesApplied} writes, {simulation.FaultsInjected} faults, " +
                         $"{simulation.CurrentAnchorsSeen.Count} anchors, phases [{string.Join(", ", simulation.PhasesSeen.Select(p => $"{p.Key}: {p.Value}"))}], " +
                         $"findings [{string.Join(", ", simulation.FindingsSeen.Distinct())}], {watch.Elapsed.TotalSeconds:F1}s");
}
