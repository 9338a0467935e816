using Trust.Findings;
using Trust.Keys;
using Trust.Rotation;
using Trust.Tests.Support;

namespace Trust.Tests.Rotation;

/// <summary>
/// The policy's derived durations and every refusal of <see cref="RotationPolicy.Validate"/> (exact id, message and
/// remedy, and the boundaries), and the planner's argument checks.
/// </summary>
public class RotationPolicyMutationTests
{
    private static readonly DateTimeOffset T0 = TestClock.Epoch;

    [Fact]
    public void The_default_policy_needs_an_issuer_and_a_leaf_lifetime_with_skew_and_margin_to_finish()
    {
        var policy = new RotationPolicy();
        Assert.Equal(TimeSpan.FromHours(73) + TimeSpan.FromSeconds(20), policy.TimeToFinish);
        Assert.Equal(TimeSpan.FromHours(25) + TimeSpan.FromSeconds(20), policy.DrainTime);
    }

    [Fact]
    public void Time_to_finish_and_drain_time_add_up_every_part_of_the_policy()
    {
        var policy = new RotationPolicy
        {
            IssuerLifetime = TimeSpan.FromHours(10),
            LeafLifetime = TimeSpan.FromHours(2),
            ClockSkewAllowance = TimeSpan.FromSeconds(30),
            Margin = TimeSpan.FromMinutes(5),
        };
        Assert.Equal(new TimeSpan(12, 5, 30), policy.TimeToFinish);
        Assert.Equal(new TimeSpan(2, 5, 30), policy.DrainTime);
    }

    public static TheoryData<string, string, string, RemedyAction, string> Refusals => new()
    {
        { "issuer lifetime zero", FindingIds.ValidityInvalid, "the issuer lifetime must be positive, not 0h", RemedyAction.FixValidity, "give a positive issuer lifetime" },
        { "anchor lifetime negative", FindingIds.ValidityInvalid, "the anchor lifetime must be positive, not -1h", RemedyAction.FixValidity, "give a positive anchor lifetime" },
        { "leaf lifetime zero", FindingIds.ValidityInvalid, "the workload certificate lifetime must be positive, not 0h", RemedyAction.FixValidity, "give a positive workload certificate lifetime" },
        { "bundle age negative", FindingIds.ValueInvalid, "the minimum bundle age must not be negative, not -0h0m1s", RemedyAction.FixInput, "give a minimum bundle age of zero or more" },
        { "skew negative", FindingIds.ValueInvalid, "the clock skew allowance must not be negative, not -0h0m1s", RemedyAction.FixInput, "give a clock skew allowance of zero or more" },
        { "margin negative", FindingIds.ValueInvalid, "the margin must not be negative, not -1h", RemedyAction.FixInput, "give a margin of zero or more" },
        { "issuer as long as the anchor", FindingIds.ValidityInvalid, "the issuer lifetime 8760h is not shorter than the anchor lifetime 8760h", RemedyAction.FixValidity, "give the issuer a lifetime much shorter than the anchor's" },
        // 48h issuer + 24h leaves + 20s skew + 1h margin + 24h bundle age = 97h20s exactly: not enough.
        { "anchor exactly too short", FindingIds.ValidityInvalid, "the anchor lifetime 97h0m20s leaves no time to rotate it: a rotation needs at least the minimum bundle age, an issuer lifetime, a workload certificate lifetime and the margin (97h0m20s)", RemedyAction.FixValidity, "give the anchor a lifetime many times longer than the issuer's" },
        { "no issuer renewal", FindingIds.ValueInvalid, "a renewal policy is missing", RemedyAction.FixInput, "give both the issuer and the anchor a renewal policy" },
        { "no anchor renewal", FindingIds.ValueInvalid, "a renewal policy is missing", RemedyAction.FixInput, "give both the issuer and the anchor a renewal policy" },
        { "unknown key algorithm", FindingIds.KeyAlgorithmUnsupported, "unknown anchor key algorithm 99", RemedyAction.UseSupportedAlgorithm, "use ECDSA P-256 for anchors" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_policy_is_refused_with_a_finding_that_names_the_value_and_the_fix(string what, string id, string message, RemedyAction action, string advice)
    {
        var valid = new RotationPolicy();
        var policy = what switch
        {
            "issuer lifetime zero" => valid with { IssuerLifetime = TimeSpan.Zero },
            "anchor lifetime negative" => valid with { AnchorLifetime = TimeSpan.FromHours(-1) },
            "leaf lifetime zero" => valid with { LeafLifetime = TimeSpan.Zero },
            "bundle age negative" => valid with { MinBundleAge = TimeSpan.FromSeconds(-1) },
            "skew negative" => valid with { ClockSkewAllowance = TimeSpan.FromSeconds(-1) },
            "margin negative" => valid with { Margin = TimeSpan.FromHours(-1) },
            "issuer as long as the anchor" => valid with { IssuerLifetime = TimeSpan.FromHours(8760) },
            "anchor exactly too short" => valid with { AnchorLifetime = valid.TimeToFinish + valid.MinBundleAge },
            "no issuer renewal" => valid with { IssuerRenewal = null! },
            "no anchor renewal" => valid with { AnchorRenewal = null! },
            "unknown key algorithm" => valid with { AnchorKeyAlgorithm = (KeyAlgorithm)99 },
            _ => throw new InvalidOperationException(what),
        };
        var error = Assert.Throws<TrustInputException>(policy.Validate);
        Assert.Equal(new Finding(id, message, new Remedy(action, advice)), error.Finding);
    }

    [Fact]
    public void An_anchor_one_second_longer_than_a_rotation_needs_is_accepted()
    {
        var valid = new RotationPolicy();
        (valid with { AnchorLifetime = valid.TimeToFinish + valid.MinBundleAge + TimeSpan.FromSeconds(1) }).Validate();
        (valid with { MinBundleAge = TimeSpan.Zero, ClockSkewAllowance = TimeSpan.Zero, Margin = TimeSpan.Zero }).Validate();
    }

    [Fact]
    public void The_planner_refuses_a_null_state_or_policy_by_name()
    {
        var planner = new RotationPlanner();
        var state = new RotationState { Clusters = [new ClusterState { Name = "home" }] };
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => planner.Plan(null!, new RotationPolicy(), T0)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => planner.Plan(state, null!, T0)).ParamName);
    }

    [Fact]
    public void The_planner_refuses_a_state_without_clusters_or_with_two_of_the_same_name()
    {
        var planner = new RotationPlanner();
        var none = Assert.Throws<ArgumentException>(() => planner.Plan(new RotationState { Clusters = [] }, new RotationPolicy(), T0));
        Assert.Equal("state", none.ParamName);
        Assert.StartsWith("the state names no cluster", none.Message);
        var twice = new RotationState { Clusters = [new ClusterState { Name = "home" }, new ClusterState { Name = "home" }] };
        var same = Assert.Throws<ArgumentException>(() => planner.Plan(twice, new RotationPolicy(), T0));
        Assert.Equal("state", same.ParamName);
        Assert.StartsWith("two clusters have the same name", same.Message);
    }

    [Fact]
    public void A_pod_group_refuses_a_null_fingerprint()
    {
        var group = new MeshedPodGroup(new HashSet<string> { "ab" }, 1, []);
        Assert.Equal("fingerprint", Assert.Throws<ArgumentNullException>(() => group.Trusts(null!)).ParamName);
        Assert.True(group.Trusts("ab"));
        Assert.False(group.Trusts("cd"));
    }
}
