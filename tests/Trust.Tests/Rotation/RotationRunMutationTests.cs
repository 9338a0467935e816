using Trust.Bundles;
using Trust.Findings;
using Trust.Keys;
using Trust.Renewal;
using Trust.Rotation;
using Trust.Tests.Support;
using Trust.Time;

namespace Trust.Tests.Rotation;

/// <summary>
/// The planner's decisions at their edges: the exact words and remedies of every stop, wait and finding, the moments
/// one second either side of an expiry or a publication, the counts and names of the pods a gate waits for, and the
/// states between phases that only an interrupted or paused run leaves behind.
/// </summary>
public class RotationRunMutationTests
{
    private static readonly DateTimeOffset T0 = TestClock.Epoch;
    private static readonly RotationPolicy Policy = new() { AnchorLifetime = TimeSpan.FromDays(90) };
    private static readonly RotationPlanner Planner = new();
    private static readonly Remedy RepairByHand = new(RemedyAction.RestoreAnchor, "restore the anchors and the rotation record from the backup, or repair them by hand");

    private static RotationPlan Plan(RotationStore store, DateTimeOffset now, RotationPolicy? policy = null) =>
        Planner.Plan(store.ToState(), policy ?? Policy, now);

    private static RotationStore Stable(params string[] clusters)
    {
        var store = new RotationStore(clusters);
        for (var round = 0; round < 4 && Plan(store, T0) is { HasWrites: true } plan; round++) store.Apply(plan);
        store.RecreatePods(T0);
        store.RestartIdentity(T0);
        return store;
    }

    private static DateTimeOffset WindowOf(RotationStore store) => Policy.AnchorRenewal.RenewalTime(store.Current!.Certificate);

    /// <summary>Publish, confirmed, old enough, every pod and identity controller trusting the new anchor.</summary>
    private static (RotationStore Store, DateTimeOffset ReadyAt) ReadyToSwitch(params string[] clusters)
    {
        var store = Stable(clusters);
        var publishAt = WindowOf(store);
        store.Apply(Plan(store, publishAt));
        var confirmAt = publishAt.AddHours(1);
        store.Apply(Plan(store, confirmAt));
        var readyAt = confirmAt + Policy.MinBundleAge;
        store.RecreatePods(readyAt);
        store.RestartIdentity(confirmAt.AddHours(2));
        return (store, readyAt);
    }

    /// <summary>Switched and confirmed: the record holds the switch time, the previous slot the retired anchor.</summary>
    private static (RotationStore Store, DateTimeOffset SwitchedAt) Switched(params string[] clusters)
    {
        var (store, readyAt) = ReadyToSwitch(clusters);
        store.Apply(Plan(store, readyAt));
        var confirmAt = readyAt.AddHours(1);
        store.Apply(Plan(store, confirmAt));
        Assert.Equal(confirmAt, store.Record!.SwitchedAt);
        return (store, confirmAt);
    }

    private static MeshedPodGroup Pods(int pods, string[] workloads, params StoredAnchor[] trusted) =>
        new(trusted.Select(a => a.Fingerprint).ToHashSet(StringComparer.Ordinal), pods, workloads);

    private static void AssertWait(WaitStep wait, RotationWaitReason reason, string message, string? cluster = null, DateTimeOffset? until = null)
    {
        Assert.Equal(reason, wait.Reason);
        Assert.Equal(message, wait.Message);
        Assert.Equal(cluster, wait.Cluster);
        Assert.Equal(until, wait.Until);
    }

    private static string Subject(StoredAnchor anchor) => anchor.Certificate.Subject;

    private static string Expiry(StoredAnchor anchor) => Rfc3339.Format(anchor.Certificate.NotAfter);

    // ---- Stops

    [Fact]
    public void A_problem_read_from_a_cluster_stops_the_plan_with_only_that_finding_and_no_alert()
    {
        var state = Stable().ToState();
        var problem = new Finding(FindingIds.PemMalformed, "garbage") { Source = "home" };
        state = state with { Clusters = [state.Clusters[0] with { Problems = [problem] }] };
        var plan = Planner.Plan(state, Policy, T0.AddHours(1));
        Assert.Equal(new[] { problem }, plan.Findings);
        Assert.Equal(new RotationStep[] { new StopStep(problem) }, plan.Steps);
        Assert.Equal(RotationPhase.Unknown, plan.PhaseAfter);
        Assert.False(plan.AnchorExpiryAtRisk);
    }

    [Fact]
    public void An_issuer_owned_by_another_controller_stops_with_the_owner_named()
    {
        var store = Stable();
        store.Home.IssuerOwner = "linkerd/linkerd-identity-issuer";
        var expected = new Finding(FindingIds.IssuerOwnedElsewhere,
            "the identity issuer is managed by 'linkerd/linkerd-identity-issuer'; two controllers writing it would undo each other's work",
            new Remedy(RemedyAction.TakeOverIssuer, "leave the issuer to its owner, or remove that owner, or take the issuer over explicitly"))
        { Source = "home" };
        Assert.Equal(expected, Assert.Single(Plan(store, T0.AddHours(1)).Findings));
    }

    [Fact]
    public void An_issuer_without_a_certificate_stops_as_an_inconsistent_state()
    {
        var store = Stable("home", "east");
        store["east"].Issuer = new StoredIssuer([], store["east"].Issuer!.Key);
        var plan = Plan(store, T0.AddHours(1));
        Assert.Equal(new Finding(FindingIds.RotationStateInconsistent, "the identity issuer of east holds no certificate", RepairByHand),
            Assert.Single(plan.Findings));
    }

    [Fact]
    public void An_issuer_with_a_foreign_key_stops_with_its_subject_and_cluster()
    {
        var store = Stable();
        var issuer = store.Home.Issuer!;
        store.Home.Issuer = issuer with { Key = SigningKey.Generate(KeyAlgorithm.EcdsaP256) };
        var expected = new Finding(FindingIds.KeyMismatch, $"the identity issuer's key does not belong to its certificate '{issuer.Certificate.Subject}'",
            new Remedy(RemedyAction.ProvideMatchingKey, "store the issuer's own key, or remove the issuer so a new one is issued"))
        { Source = "home" };
        Assert.Equal(expected, Assert.Single(Plan(store, T0.AddHours(1)).Findings));
    }

    public static TheoryData<string> AnchorCorruptions => ["current without key", "next without key", "next not a CA", "current not a CA", "previous key mismatch", "three anchors"];

    [Theory]
    [MemberData(nameof(AnchorCorruptions))]
    public void A_corrupt_anchor_slot_stops_with_the_slot_the_subject_and_the_fix(string corruption)
    {
        var store = Stable();
        var current = store.Current!;
        var other = RotationPki.Anchor(T0, TimeSpan.FromDays(10), "root.other");
        var notCa = new StoredAnchor(Pki.Odd(null, "leafish", ca: false).Certificate, other.Key);
        Finding expected;
        switch (corruption)
        {
            case "current without key":
                store.Current = current with { Key = null };
                expected = new Finding(FindingIds.AnchorKeyMissing, $"the current anchor '{Subject(current)}' is stored without its key",
                    new Remedy(RemedyAction.RestoreAnchor, "restore the anchor with its key from the backup"));
                break;
            case "next without key":
                store.Next = other with { Key = null };
                expected = new Finding(FindingIds.AnchorKeyMissing, $"the next anchor '{Subject(other)}' is stored without its key",
                    new Remedy(RemedyAction.RestoreAnchor, "restore the anchor with its key from the backup"));
                break;
            case "next not a CA":
                store.Next = notCa;
                expected = new Finding(FindingIds.RotationStateInconsistent, $"the next anchor '{notCa.Certificate.Subject}' is not a self-signed CA certificate", RepairByHand);
                break;
            case "current not a CA":
                store.Current = notCa;
                expected = new Finding(FindingIds.RotationStateInconsistent, $"the current anchor '{notCa.Certificate.Subject}' is not a self-signed CA certificate", RepairByHand);
                break;
            case "previous key mismatch":
                store.Previous = other with { Key = current.Key };
                expected = new Finding(FindingIds.KeyMismatch, $"the previous anchor's key does not belong to its certificate '{Subject(other)}'",
                    new Remedy(RemedyAction.RestoreAnchor, "restore the anchor with its own key from the backup"));
                break;
            default:
                store.Next = other;
                store.Previous = RotationPki.Anchor(T0, TimeSpan.FromDays(10), "root.third");
                expected = new Finding(FindingIds.RotationStateInconsistent,
                    "three different anchors are stored (current, next and previous); a rotation holds at most two", RepairByHand);
                break;
        }
        var plan = Plan(store, T0.AddHours(1));
        Assert.True(plan.IsStopped);
        Assert.Equal(expected, Assert.Single(plan.Findings));
    }

    [Fact]
    public void A_previous_anchor_may_be_stored_without_its_key()
    {
        var store = Stable();
        store.Previous = RotationPki.Anchor(T0, TimeSpan.FromDays(10), "root.other") with { Key = null };
        var plan = Plan(store, T0.AddHours(1));
        Assert.False(plan.IsStopped);
        Assert.Equal(RotationPhase.Drop, plan.Phase);
    }

    [Fact]
    public void A_factory_refusal_stops_the_plan_and_disposes_the_keys_made_for_it()
    {
        // An anchor whose path length allows no CA below it cannot sign an issuer.
        var anchor = Pki.Anchor(pathLength: 0, lifetime: TimeSpan.FromDays(90), now: T0);
        var store = new RotationStore { Current = new StoredAnchor(anchor.Certificate, anchor.Key) };
        store.Home.Bundle = TrustBundle.Empty.Add(anchor.Certificate);
        var generated = new List<SigningKey>();
        var planner = new RotationPlanner(algorithm =>
        {
            var key = SigningKey.Generate(algorithm);
            generated.Add(key);
            return key;
        });
        var plan = planner.Plan(store.ToState(), Policy, T0.AddHours(1));
        var finding = Assert.Single(plan.Findings);
        Assert.Equal(FindingIds.CaPathLength, finding.Id);
        Assert.Equal(new RotationStep[] { new StopStep(finding) }, plan.Steps);
        Assert.Equal(RotationPhase.Unknown, plan.Phase);
        var key = Assert.Single(generated);
        Assert.Throws<ObjectDisposedException>(() => key.ExportPkcs8Pem());
    }

    // ---- Bootstrap

    [Fact]
    public void Without_a_current_anchor_everything_else_that_exists_is_listed_and_nothing_is_created()
    {
        var store = new RotationStore("home", "east");
        var next = RotationPki.Anchor(T0, TimeSpan.FromDays(10), "root.next");
        store.Next = next;
        store.Previous = RotationPki.Anchor(T0, TimeSpan.FromDays(10), "root.previous");
        store.Home.Issuer = RotationPki.Issuer(next, T0, TimeSpan.FromHours(48));
        store["east"].Bundle = RotationPki.Bundle(next);
        var expected = new Finding(FindingIds.AnchorMissing,
            "no current anchor is stored, but a next anchor, a previous anchor, the identity issuer of home, the trust bundle of east exist; creating a new anchor would cut them off",
            new Remedy(RemedyAction.RestoreAnchor, "restore the current anchor with its key from the backup"));
        var plan = Plan(store, T0);
        Assert.True(plan.IsStopped);
        Assert.Equal(expected, Assert.Single(plan.Findings));
    }

    [Fact]
    public void An_empty_bundle_does_not_hold_the_bootstrap_back()
    {
        var store = new RotationStore();
        store.Home.Bundle = TrustBundle.Empty;
        var plan = Plan(store, T0);
        Assert.False(plan.IsStopped);
        Assert.Equal(RotationPhase.Bootstrap, plan.Phase);
        var anchor = Assert.IsType<StoreAnchorStep>(plan.Steps[0]).Anchor;
        var bundle = Assert.Single(plan.Writes.OfType<WriteBundleStep>());
        Assert.Equal([anchor.Fingerprint], bundle.Added);
        Assert.Empty(bundle.Removed);
    }

    // ---- Phases left behind by interrupted runs

    [Fact]
    public void A_drop_that_died_after_its_bundle_write_is_in_drop_and_removes_the_previous_anchor()
    {
        var (store, switchedAt) = Switched();
        var a = store.Previous!;
        var drained = switchedAt + Policy.DrainTime;
        store.Apply(Plan(store, drained), 1);
        var plan = Plan(store, drained.AddMinutes(1));
        Assert.Equal(RotationPhase.Drop, plan.Phase);
        Assert.Equal(RotationPhase.Stable, plan.PhaseAfter);
        Assert.Equal(new DeleteAnchorStep(AnchorSlot.Previous, a.Fingerprint), plan.Writes.First());
    }

    [Fact]
    public void One_bundle_still_holding_the_retired_anchor_keeps_the_phase_at_switch()
    {
        var (store, switchedAt) = Switched("home", "east");
        var drained = switchedAt + Policy.DrainTime;
        store.Apply(Plan(store, drained), 1); // the home bundle lost A; east's still holds it
        var plan = Plan(store, drained.AddMinutes(1));
        Assert.Equal(RotationPhase.Switch, plan.Phase);
        Assert.Equal("east", Assert.Single(plan.Writes.OfType<WriteBundleStep>()).Cluster);
    }

    [Fact]
    public void A_retired_anchor_still_in_one_bundle_keeps_its_slot_even_once_every_anchor_has_expired()
    {
        var (store, switchedAt) = Switched("home", "east");
        var a = store.Previous!;
        var b = store.Current!;
        store.Apply(Plan(store, switchedAt + Policy.DrainTime), 1); // the home bundle lost A; east's still holds it
        var plan = Plan(store, b.Certificate.NotAfter.AddSeconds(1));
        Assert.Equal(RotationPhase.Switch, plan.PhaseAfter);
        Assert.DoesNotContain(plan.Writes, s => s is DeleteAnchorStep or WriteBundleStep);
        Assert.Contains(plan.Findings, f => f.Id == FindingIds.AnchorExpired && f.Message.StartsWith($"the retired anchor '{Subject(a)}'", StringComparison.Ordinal));
    }

    // ---- Pauses

    [Fact]
    public void A_paused_rotation_says_in_which_phase_it_waits()
    {
        var (store, readyAt) = ReadyToSwitch();
        store.Paused = true;
        var plan = Plan(store, readyAt);
        const string message = "rotation is paused in the publish phase";
        Assert.Equal(new Finding(FindingIds.RotationPaused, message, new Remedy(RemedyAction.ResumeRotation, "resume rotation once the reason for the pause is gone")),
            Assert.Single(plan.Findings));
        AssertWait(Assert.Single(plan.Waits), RotationWaitReason.Paused, message);
        Assert.False(plan.HasWrites);
    }

    [Fact]
    public void A_paused_anchor_is_due_at_its_last_valid_second_and_expired_one_second_later()
    {
        var store = Stable();
        store.Paused = true;
        var a = store.Current!;
        var due = Plan(store, a.Certificate.NotAfter);
        Assert.Equal($"the anchor is due for rotation since {Rfc3339.Format(Policy.AnchorRenewal.RenewalTime(a.Certificate))} and rotation is paused",
            Assert.Single(due.Findings, f => f.Id == FindingIds.RotationPaused).Message);
        var expired = Plan(store, a.Certificate.NotAfter.AddSeconds(1));
        Assert.Equal($"the anchor expired at {Expiry(a)} and rotation is paused", Assert.Single(expired.Findings, f => f.Id == FindingIds.RotationPaused).Message);
    }

    [Fact]
    public void A_paused_switch_keeps_the_retired_anchor_after_the_drain()
    {
        var (store, switchedAt) = Switched();
        store.Paused = true;
        var plan = Plan(store, switchedAt + Policy.DrainTime + TimeSpan.FromHours(1));
        Assert.DoesNotContain(plan.Writes, s => s is WriteBundleStep or DeleteAnchorStep);
        Assert.Equal(RotationPhase.Switch, plan.PhaseAfter);
        Assert.Equal("rotation is paused in the switch phase", Assert.Single(plan.Findings, f => f.Id == FindingIds.RotationPaused).Message);
    }

    [Fact]
    public void A_paused_switch_still_drops_an_expired_retired_anchor_from_the_bundles_but_keeps_its_slot()
    {
        var (store, _) = Switched();
        store.Paused = true;
        var a = store.Previous!;
        var plan = Plan(store, a.Certificate.NotAfter.AddSeconds(1));
        Assert.Equal([a.Fingerprint], Assert.Single(plan.Writes.OfType<WriteBundleStep>()).Removed);
        Assert.DoesNotContain(plan.Writes, s => s is DeleteAnchorStep);
        Assert.Equal(RotationPhase.Drop, plan.PhaseAfter);
        Assert.Equal(RotationPhase.Drop, Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record.Phase);
    }

    [Fact]
    public void An_expired_anchor_with_a_stale_copy_in_the_previous_slot_is_replaced_and_the_rotation_ends_stable()
    {
        var store = Stable();
        var a = store.Current!;
        store.Previous = a;
        var plan = Plan(store, a.Certificate.NotAfter.AddHours(1));
        Assert.Contains(new DeleteAnchorStep(AnchorSlot.Previous, a.Fingerprint), plan.Writes);
        Assert.Equal(RotationPhase.Stable, plan.PhaseAfter);
        Assert.Equal(RotationPhase.Stable, Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record.Phase);
    }

    // ---- Expiry before and after the switch

    [Fact]
    public void The_retiring_anchor_forces_the_switch_one_second_after_its_expiry_and_names_the_pods_that_lose_trust()
    {
        var (store, readyAt) = ReadyToSwitch();
        var a = store.Current!;
        var b = store.Next!;
        store.Home.Pods.AddRange(
        [
            Pods(4, ["legacy/worker"], a),
            Pods(3, ["legacy/app", "legacy/worker"], a),
            Pods(0, ["idle/none"], a),
            Pods(5, ["default/api"], a, b),
        ]);
        var atExpiry = Plan(store, a.Certificate.NotAfter);
        Assert.Equal(RotationPhase.Publish, atExpiry.PhaseAfter);
        Assert.DoesNotContain(atExpiry.Findings, f => f.Id == FindingIds.AnchorExpired);

        var plan = Plan(store, a.Certificate.NotAfter.AddSeconds(1));
        Assert.Equal(new[]
        {
            new Finding(FindingIds.AnchorExpired,
                $"the anchor '{Subject(a)}' expired at {Expiry(a)} before the switch; the issuers move to the new anchor now, and 7 meshed pod(s) that do not trust it lose mutual TLS until re-created (legacy/app, legacy/worker)",
                new Remedy(RemedyAction.RestartWorkloads, "restart the identity controller and every meshed workload")),
            new Finding(FindingIds.AnchorExpired,
                $"the retired anchor '{Subject(a)}' expired at {Expiry(a)} and leaves the trust bundles; 7 meshed pod(s) trust only anchors that are gone (legacy/app, legacy/worker)",
                new Remedy(RemedyAction.RestartWorkloads, "restart the meshed workloads that do not trust the new anchor")),
        }, plan.Findings);
    }

    [Fact]
    public void A_switch_through_an_open_gate_reports_nothing_and_waits_for_nothing()
    {
        var (store, readyAt) = ReadyToSwitch();
        var plan = Plan(store, readyAt);
        Assert.Equal(RotationPhase.Switch, plan.PhaseAfter);
        Assert.Empty(plan.Findings);
        Assert.Empty(plan.Waits);
    }

    [Fact]
    public void A_retired_anchor_expiring_in_switch_is_reported_even_when_every_pod_trusts_the_new_one()
    {
        var (store, _) = Switched();
        var a = store.Previous!;
        var plan = Plan(store, a.Certificate.NotAfter.AddSeconds(1));
        Assert.Equal(RotationPhase.Switch, plan.Phase);
        Assert.Equal(new Finding(FindingIds.AnchorExpired,
                $"the retired anchor '{Subject(a)}' expired at {Expiry(a)} and leaves the trust bundles; 0 meshed pod(s) trust only anchors that are gone",
                new Remedy(RemedyAction.RestartWorkloads, "restart the meshed workloads that do not trust the new anchor")),
            Assert.Single(plan.Findings));
    }

    [Fact]
    public void A_retired_anchor_already_out_of_the_bundles_expires_silently_unless_pods_still_need_it()
    {
        var (store, switchedAt) = Switched();
        var a = store.Previous!;
        store.Apply(Plan(store, switchedAt + Policy.DrainTime), 1);
        var now = a.Certificate.NotAfter.AddSeconds(1);
        var quiet = Plan(store, now);
        Assert.Equal(RotationPhase.Drop, quiet.Phase);
        Assert.Empty(quiet.Findings);
        Assert.Contains(new DeleteAnchorStep(AnchorSlot.Previous, a.Fingerprint), quiet.Writes);

        store.Home.Pods.Add(Pods(2, ["legacy/app"], a));
        var loud = Plan(store, now);
        Assert.Equal($"the retired anchor '{Subject(a)}' expired at {Expiry(a)} and leaves the trust bundles; 2 meshed pod(s) trust only anchors that are gone (legacy/app)",
            Assert.Single(loud.Findings).Message);
    }

    // ---- A stalled rotation

    [Fact]
    public void After_the_switch_an_expiring_retired_anchor_is_no_stall()
    {
        var (store, _) = Switched();
        var plan = Plan(store, store.Previous!.Certificate.NotAfter.AddHours(-1));
        Assert.DoesNotContain(plan.Findings, f => f.Id == FindingIds.RotationStalled);
        Assert.False(plan.AnchorExpiryAtRisk);
    }

    private static string Stalled(StoredAnchor a, string left, string holding) =>
        $"the anchor '{Subject(a)}' expires at {Expiry(a)}, in {left}, but the rotation still needs 73h0m20s after the switch; waiting for: {holding}";

    [Fact]
    public void A_stall_with_every_gate_open_but_a_pause_waits_for_the_pause()
    {
        var (store, _) = ReadyToSwitch();
        store.Paused = true;
        var a = store.Current!;
        var plan = Plan(store, a.Certificate.NotAfter.AddHours(-10));
        Assert.True(plan.AnchorExpiryAtRisk);
        Assert.Equal(new Finding(FindingIds.RotationStalled, Stalled(a, "10h", "rotation is paused"),
                new Remedy(RemedyAction.RestartWorkloads, "restart the identity controller and the meshed workloads that do not trust the new anchor")),
            Assert.Single(plan.Findings, f => f.Id == FindingIds.RotationStalled));
    }

    [Fact]
    public void A_stall_before_a_rotation_started_says_so_or_names_the_pause()
    {
        var store = Stable();
        var a = store.Current!;
        var now = a.Certificate.NotAfter.AddHours(-10);
        var late = Policy with { AnchorRenewal = RenewalPolicy.CertManagerStyle(TimeSpan.FromHours(1)) };
        Assert.Equal(Stalled(a, "10h", "the rotation has not started"),
            Assert.Single(Plan(store, now, late).Findings, f => f.Id == FindingIds.RotationStalled).Message);
        store.Paused = true;
        Assert.Equal(Stalled(a, "10h", "rotation is paused"),
            Assert.Single(Plan(store, now).Findings, f => f.Id == FindingIds.RotationStalled).Message);
    }

    [Fact]
    public void A_paused_expired_anchor_keeps_its_bundle_and_cannot_sign_a_missing_issuer()
    {
        var store = Stable();
        store.Paused = true;
        store.Home.Issuer = null;
        var a = store.Current!;
        var plan = Plan(store, a.Certificate.NotAfter.AddSeconds(1));
        Assert.False(plan.HasWrites);
        Assert.Equal(new[]
        {
            new Finding(FindingIds.RotationPaused, $"the anchor expired at {Expiry(a)} and rotation is paused",
                new Remedy(RemedyAction.ResumeRotation, "resume rotation once the reason for the pause is gone")),
            new Finding(FindingIds.AnchorExpired, $"a new identity issuer is needed (none yet), but its anchor '{Subject(a)}' expired at {Expiry(a)}",
                new Remedy(RemedyAction.RotateAnchor, "rotate to a new anchor and restart the meshed workloads")) { Source = "home" },
            new Finding(FindingIds.RotationStalled, Stalled(a, "0h", "rotation is paused"),
                new Remedy(RemedyAction.RestartWorkloads, "restart the identity controller and the meshed workloads that do not trust the new anchor")),
        }, plan.Findings);
    }

    // ---- The switch gate

    [Fact]
    public void A_new_publication_waits_only_for_its_confirmation()
    {
        var store = Stable();
        var window = WindowOf(store);
        store.RenewIssuers(window);
        var plan = Plan(store, window);
        AssertWait(Assert.Single(plan.Waits), RotationWaitReason.PublicationUnconfirmed,
            "the new anchor is published in this run; a later run confirms the publication and starts counting the bundle's age");
    }

    [Fact]
    public void A_young_bundle_waits_until_the_minimum_age_and_nothing_else()
    {
        var (store, readyAt) = ReadyToSwitch();
        var publishedAt = store.Record!.PublishedAt!.Value;
        var plan = Plan(store, readyAt.AddSeconds(-1));
        AssertWait(Assert.Single(plan.Waits), RotationWaitReason.BundleTooYoung,
            $"the new anchor was published at {Rfc3339.Format(publishedAt)}; the switch waits until the bundle is 24h old", until: readyAt);
    }

    [Fact]
    public void The_identity_controller_of_each_cluster_must_exist_and_start_no_earlier_than_the_publication()
    {
        var (store, readyAt) = ReadyToSwitch("home", "east");
        var publishedAt = store.Record!.PublishedAt!.Value;
        store["east"].IdentityStartedAt = null;
        AssertWait(Assert.Single(Plan(store, readyAt).Waits), RotationWaitReason.IdentityControllerNotFound,
            "no identity controller was found; it must start after the new anchor's publication before the switch", "east");

        store["east"].IdentityStartedAt = publishedAt.AddSeconds(-1);
        AssertWait(Assert.Single(Plan(store, readyAt).Waits), RotationWaitReason.IdentityControllerNotRestarted,
            $"the identity controller started at {Rfc3339.Format(publishedAt.AddSeconds(-1))}, before the new anchor was published at {Rfc3339.Format(publishedAt)}; it reads the bundle only at start and would refuse an issuer signed by the new anchor",
            "east");

        store["east"].IdentityStartedAt = publishedAt;
        Assert.Equal(RotationPhase.Switch, Plan(store, readyAt).PhaseAfter);
    }

    [Fact]
    public void The_pods_a_switch_waits_for_are_counted_and_their_workloads_named_in_order()
    {
        var (store, readyAt) = ReadyToSwitch();
        var a = store.Current!;
        var b = store.Next!;
        store.Home.Pods.AddRange(
        [
            Pods(2, ["shop/web", "shop/cart"], a),
            Pods(3, ["batch/etl", "shop/cart"]),
            Pods(0, ["idle/none"], a),
            Pods(5, ["default/api"], a, b),
        ]);
        var wait = Assert.Single(Plan(store, readyAt).Waits);
        AssertWait(wait, RotationWaitReason.PodsLackNewAnchor,
            "5 meshed pod(s) do not trust the new anchor yet (batch/etl, shop/cart, shop/web); they trust it once re-created", "home");
        Assert.Equal(5, wait.Pods);
        Assert.Equal(["batch/etl", "shop/cart", "shop/web"], wait.Workloads);
    }

    [Fact]
    public void A_wait_names_at_most_twenty_workloads_and_says_there_are_more()
    {
        var (store, readyAt) = ReadyToSwitch();
        var names = Enumerable.Range(0, 21).Select(i => $"ns/w{i:00}").Reverse().ToArray();
        store.Home.Pods.Add(Pods(21, names, store.Current!));
        var wait = Assert.Single(Plan(store, readyAt).Waits);
        var first20 = Enumerable.Range(0, 20).Select(i => $"ns/w{i:00}").ToList();
        Assert.Equal(first20, wait.Workloads);
        Assert.Equal($"21 meshed pod(s) do not trust the new anchor yet ({string.Join(", ", first20)}, …); they trust it once re-created", wait.Message);
    }

    [Fact]
    public void A_wait_for_pods_of_unknown_owners_gives_the_count_alone()
    {
        var (store, readyAt) = ReadyToSwitch();
        store.Home.Pods.Add(Pods(1, [], store.Current!));
        Assert.Equal("1 meshed pod(s) do not trust the new anchor yet; they trust it once re-created", Assert.Single(Plan(store, readyAt).Waits).Message);
    }

    // ---- After the switch

    /// <summary>The switch wrote the home issuer and died before east's; east now runs a pod that trusts only A.</summary>
    private static (RotationStore Store, StoredAnchor A, DateTimeOffset Now) HalfSwitchedWithEastLacking()
    {
        var (store, readyAt) = ReadyToSwitch("home", "east");
        var a = store.Current!;
        var plan = Plan(store, readyAt);
        store.Apply(plan, plan.Writes.ToList().FindLastIndex(s => s is WriteIssuerStep));
        store["east"].Pods.Add(Pods(2, ["legacy/app"], a));
        return (store, a, readyAt.AddHours(2));
    }

    [Fact]
    public void An_issuer_left_under_the_retired_anchor_stays_there_while_the_gate_is_closed_and_keeps_the_anchor()
    {
        var (store, _, now) = HalfSwitchedWithEastLacking();
        var plan = Plan(store, now);
        Assert.Equal(RotationPhase.Switch, plan.Phase);
        Assert.DoesNotContain(plan.Writes, s => s is WriteIssuerStep or WriteBundleStep or DeleteAnchorStep);
        var wait = Assert.Single(plan.Waits, w => w.Reason == RotationWaitReason.PodsLackNewAnchor);
        Assert.Equal("east", wait.Cluster);
    }

    [Fact]
    public void A_missing_issuer_under_a_retired_anchor_without_its_key_is_reported_not_written()
    {
        var (store, a, now) = HalfSwitchedWithEastLacking();
        store["east"].Issuer = null;
        store.Previous = store.Previous! with { Key = null };
        var plan = Plan(store, now);
        Assert.DoesNotContain(plan.Writes, s => s is WriteIssuerStep);
        var expected = new Finding(FindingIds.AnchorKeyMissing,
            $"a new identity issuer is needed (none yet) under the previous anchor '{Subject(a)}', which is stored without its key",
            new Remedy(RemedyAction.RestoreAnchor, "restore the previous anchor with its key from the backup"))
        { Source = "east" };
        Assert.Equal(expected, Assert.Single(plan.Findings));
    }

    [Fact]
    public void An_issuer_reissued_under_the_retired_anchor_after_the_drain_keeps_that_anchor_in_the_bundles()
    {
        var (store, switchedAt) = Switched("home", "east");
        var a = store.Previous!;
        store["east"].Issuer = null;
        store["east"].Pods.Add(Pods(2, ["legacy/app"], a));
        var plan = Plan(store, switchedAt + Policy.DrainTime);
        var write = Assert.Single(plan.Writes.OfType<WriteIssuerStep>());
        Assert.Equal(("east", a.Fingerprint, IssuerRenewalReason.Missing), (write.Cluster, write.Anchor.Fingerprint, write.Reason));
        Assert.DoesNotContain(plan.Writes, s => s is WriteBundleStep or DeleteAnchorStep);
    }

    [Fact]
    public void An_issuer_found_under_the_retired_anchor_again_restarts_the_drain()
    {
        var (store, switchedAt) = Switched("home", "east");
        var a = store.Previous!;
        var drained = switchedAt + Policy.DrainTime;
        store["east"].Issuer = RotationPki.Issuer(a, drained.AddHours(-1), TimeSpan.FromHours(48));
        var plan = Plan(store, drained);
        var write = Assert.Single(plan.Writes.OfType<WriteIssuerStep>());
        Assert.Equal(("east", store.Current!.Fingerprint, IssuerRenewalReason.SwitchToNewAnchor), (write.Cluster, write.Anchor.Fingerprint, write.Reason));
        Assert.DoesNotContain(plan.Writes, s => s is WriteBundleStep or DeleteAnchorStep);
        Assert.Null(Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record.SwitchedAt);
        Assert.Contains(plan.Waits, w => w.Reason == RotationWaitReason.SwitchUnconfirmed);
    }

    [Fact]
    public void The_switch_is_not_confirmed_while_an_issuer_is_missing()
    {
        var (store, readyAt) = ReadyToSwitch("home", "east");
        store.Apply(Plan(store, readyAt));
        store["east"].Issuer = null;
        var plan = Plan(store, readyAt.AddHours(1));
        var write = Assert.Single(plan.Writes.OfType<WriteIssuerStep>());
        Assert.Equal(("east", store.Current!.Fingerprint, IssuerRenewalReason.Missing), (write.Cluster, write.Anchor.Fingerprint, write.Reason));
        Assert.DoesNotContain(plan.Writes, s => s is RecordRotationStep r && r.Record.SwitchedAt is not null);
        AssertWait(Assert.Single(plan.Waits), RotationWaitReason.SwitchUnconfirmed,
            "the issuers were switched to the new anchor in this run or are not all switched yet; a later run confirms the switch and starts the drain");
    }

    [Fact]
    public void One_cluster_with_pods_older_than_the_switch_holds_the_early_drop_for_all()
    {
        var (store, switchedAt) = Switched("home", "east");
        var now = switchedAt + Policy.Margin;
        store.RecreatePods(now);
        store["east"].OldestPodStartedAt = switchedAt.AddHours(-1);
        var plan = Plan(store, now);
        Assert.DoesNotContain(plan.Writes, s => s is WriteBundleStep);
        var drained = switchedAt + Policy.DrainTime;
        AssertWait(Assert.Single(plan.Waits), RotationWaitReason.LeavesMayChainToOldAnchor,
            $"workload certificates issued under the retired anchor may live until {Rfc3339.Format(drained)} (switch at {Rfc3339.Format(switchedAt)} + workload certificate lifetime, clock skew and margin)",
            until: drained);
    }

    // ---- Anchors rotation does not manage

    [Fact]
    public void An_unmanaged_anchor_is_reported_with_its_cluster_and_kept_through_its_last_valid_second()
    {
        var store = Stable();
        var foreign = RotationPki.Anchor(T0, TimeSpan.FromDays(3), "root.other");
        store.Home.Bundle = store.Home.Bundle!.Add(foreign.Certificate);
        var expected = new Finding(FindingIds.BundleUnmanagedAnchor,
            $"the trust bundle holds anchor '{Subject(foreign)}' (sha256 {foreign.Fingerprint}) that rotation does not manage; it is kept until it expires at {Expiry(foreign)}",
            new Remedy(RemedyAction.RemoveExpiredAnchors, "remove the anchor from the bundle once nothing chains to it"))
        { Source = "home" };
        Assert.Equal(expected, Assert.Single(Plan(store, T0.AddHours(1)).Findings));
        var last = Plan(store, foreign.Certificate.NotAfter);
        Assert.DoesNotContain(last.Writes, s => s is WriteBundleStep);
        Assert.Contains(expected, last.Findings);
    }

    /// <summary>A migration: our anchor A is stored and published beside X; the issuer still comes from X.</summary>
    private static (RotationStore Store, StoredAnchor Ours, StoredAnchor Foreign) Migrating()
    {
        var foreign = RotationPki.Anchor(T0, TimeSpan.FromDays(60), "root.linkerd.other");
        var store = new RotationStore { Current = RotationPki.Anchor(T0, Policy.AnchorLifetime) };
        store.Home.Bundle = RotationPki.Bundle(foreign, store.Current);
        store.Home.Issuer = RotationPki.Issuer(foreign, T0, TimeSpan.FromHours(48));
        store.Home.IdentityStartedAt = T0;
        return (store, store.Current, foreign);
    }

    [Fact]
    public void A_foreign_issuer_held_for_pods_names_the_foreign_anchor_the_pod_count_and_the_workloads()
    {
        var (store, ours, foreign) = Migrating();
        store.Home.Pods =
        [
            Pods(4, ["default/web"], foreign),
            Pods(3, ["default/api"], foreign),
            Pods(0, ["idle/none"], foreign),
            Pods(2, ["shop/cart"], foreign, ours),
        ];
        var plan = Plan(store, T0.AddHours(1));
        Assert.DoesNotContain(plan.Writes, s => s is WriteIssuerStep);
        var wait = Assert.Single(plan.Waits);
        AssertWait(wait, RotationWaitReason.PodsLackNewAnchor,
            $"the identity issuer chains to anchor '{Subject(foreign)}', which rotation does not manage; it moves to the current anchor once every meshed pod trusts it (7 do not yet: default/api, default/web), or when it is due for renewal",
            "home");
        Assert.Equal(7, wait.Pods);
    }

    [Fact]
    public void A_foreign_issuer_held_for_pods_of_unknown_owners_gives_the_count_alone()
    {
        var (store, _, foreign) = Migrating();
        store.Home.Pods = [Pods(1, [], foreign)];
        Assert.Equal(
            $"the identity issuer chains to anchor '{Subject(foreign)}', which rotation does not manage; it moves to the current anchor once every meshed pod trusts it (1 do not yet), or when it is due for renewal",
            Assert.Single(Plan(store, T0.AddHours(1)).Waits).Message);
    }

    [Fact]
    public void A_foreign_issuer_moves_when_only_empty_pod_groups_lack_our_anchor()
    {
        var (store, _, foreign) = Migrating();
        store.Home.Pods = [Pods(0, ["idle/none"], foreign)];
        var plan = Plan(store, T0.AddHours(1));
        Assert.Equal(IssuerRenewalReason.Invalid, Assert.Single(plan.Writes.OfType<WriteIssuerStep>()).Reason);
        Assert.Empty(plan.Waits);
    }

    [Fact]
    public void An_issuer_from_an_anchor_no_bundle_holds_is_replaced_whatever_the_pods_trust()
    {
        var (store, ours, foreign) = Migrating();
        var elsewhere = RotationPki.Anchor(T0, TimeSpan.FromDays(60), "root.linkerd.elsewhere");
        store.Home.Issuer = RotationPki.Issuer(elsewhere, T0, TimeSpan.FromHours(48));
        store.Home.Pods = [Pods(4, ["default/web"], foreign)];
        var plan = Plan(store, T0.AddHours(1));
        var write = Assert.Single(plan.Writes.OfType<WriteIssuerStep>());
        Assert.Equal((ours.Fingerprint, IssuerRenewalReason.Invalid), (write.Anchor.Fingerprint, write.Reason));
        Assert.Empty(plan.Waits);
    }

    // ---- Issuers with an intermediate CA

    /// <summary>Anchor (pathlen 2) -> intermediate (pathlen 1, 60 days) -> issuer (48h), all from T0.</summary>
    private static (RotationStore Store, StoredIssuer Issuer) UnderAnIntermediate()
    {
        var anchor = Pki.Anchor(pathLength: 2, lifetime: Policy.AnchorLifetime, now: T0);
        var intermediate = Pki.Issuer(anchor, "intermediate.linkerd.cluster.local", TimeSpan.FromDays(60), T0, pathLength: 1);
        var issuer = Pki.Issuer(intermediate, lifetime: TimeSpan.FromHours(48), now: T0);
        var store = new RotationStore { Current = new StoredAnchor(anchor.Certificate, anchor.Key) };
        store.Home.Bundle = TrustBundle.Empty.Add(anchor.Certificate);
        store.Home.Issuer = new StoredIssuer([issuer.Certificate, intermediate.Certificate], issuer.Key);
        store.Home.Pods = [Pods(2, ["default/web"], store.Current)];
        store.Home.IdentityStartedAt = T0;
        return (store, store.Home.Issuer);
    }

    [Fact]
    public void An_issuer_that_chains_to_the_anchor_through_an_intermediate_is_kept()
    {
        var (store, _) = UnderAnIntermediate();
        var plan = new RotationPlanner().Plan(store.ToState(), Policy, T0.AddHours(1));
        Assert.DoesNotContain(plan.Writes, s => s is WriteIssuerStep);
    }

    [Fact]
    public void An_expired_issuer_under_a_valid_intermediate_is_invalid_even_after_its_path_was_verified()
    {
        var (store, issuer) = UnderAnIntermediate();
        var planner = new RotationPlanner();
        Assert.DoesNotContain(planner.Plan(store.ToState(), Policy, T0.AddHours(1)).Writes, s => s is WriteIssuerStep);
        var plan = planner.Plan(store.ToState(), Policy, issuer.Certificate.NotAfter.AddSeconds(1));
        Assert.Equal(IssuerRenewalReason.Invalid, Assert.Single(plan.Writes.OfType<WriteIssuerStep>()).Reason);
    }
}
