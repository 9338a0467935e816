using Trust.Bundles;
using Trust.Findings;
using Trust.Renewal;
using Trust.Rotation;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Rotation;

public class RotationPlannerTests
{
    private static readonly DateTimeOffset T0 = TestClock.Epoch;
    private static readonly RotationPolicy Policy = new() { AnchorLifetime = TimeSpan.FromDays(90) };
    private static readonly RotationPlanner Planner = new();

    private static RotationPlan Plan(RotationStore store, DateTimeOffset now, RotationPolicy? policy = null) =>
        Planner.Plan(store.ToState(), policy ?? Policy, now);

    /// <summary>Plans and applies until a plan writes nothing (at most four rounds); returns that last plan.</summary>
    private static RotationPlan Settle(RotationStore store, DateTimeOffset now, RotationPolicy? policy = null)
    {
        for (var round = 0; round < 4; round++)
        {
            var plan = Plan(store, now, policy);
            if (!plan.HasWrites) return plan;
            store.Apply(plan);
        }
        Assert.Fail("the plans did not settle");
        return null!;
    }

    private static RotationStore Stable(DateTimeOffset? at = null, params string[] clusters)
    {
        var store = new RotationStore(clusters);
        Settle(store, at ?? T0);
        store.RecreatePods(at ?? T0);
        store.RestartIdentity(at ?? T0);
        return store;
    }

    /// <summary>The moment the current anchor enters its renewal window.</summary>
    private static DateTimeOffset WindowOf(RotationStore store) => Policy.AnchorRenewal.RenewalTime(store.Current!.Certificate);

    /// <summary>A store in Publish with the new anchor published, confirmed, old enough, and trusted everywhere.</summary>
    private static (RotationStore Store, DateTimeOffset ReadyAt) ReadyToSwitch(params string[] clusters)
    {
        var store = Stable(null, clusters);
        var publishAt = WindowOf(store);
        store.Apply(Plan(store, publishAt));
        var confirmAt = publishAt.AddHours(1);
        store.Apply(Plan(store, confirmAt));
        Assert.Equal(confirmAt, store.Record!.PublishedAt);
        var readyAt = confirmAt + Policy.MinBundleAge;
        store.RecreatePods(readyAt);
        store.RestartIdentity(confirmAt.AddHours(2));
        return (store, readyAt);
    }

    private static int IndexOf<T>(RotationPlan plan, Func<T, bool>? match = null) where T : RotationStep =>
        plan.Steps.ToList().FindIndex(s => s is T t && (match?.Invoke(t) ?? true));

    private static void AssertIssuerVerifiesAgainstBundle(RotationStore store, DateTimeOffset now)
    {
        foreach (var cluster in store.Clusters)
        {
            var result = ChainVerifier.Verify(cluster.Issuer!.Certificate, cluster.Issuer.Chain.Skip(1),
                new CertificatePool(cluster.Bundle!.Certificates), now);
            Assert.True(result.IsValid, result.Failure);
        }
    }

    [Fact]
    public void Bootstrap_stores_the_anchor_key_before_the_bundle_before_the_issuer_before_the_record()
    {
        var store = new RotationStore("home", "east");
        var plan = Plan(store, T0);
        Assert.Equal(RotationPhase.Bootstrap, plan.Phase);
        Assert.Equal(RotationPhase.Stable, plan.PhaseAfter);
        var anchor = IndexOf<StoreAnchorStep>(plan, s => s.Slot == AnchorSlot.Current && s.IsNew);
        var bundles = plan.Steps.Select((s, i) => (s, i)).Where(x => x.s is WriteBundleStep).Select(x => x.i).ToList();
        var issuers = plan.Steps.Select((s, i) => (s, i)).Where(x => x.s is WriteIssuerStep).Select(x => x.i).ToList();
        var record = IndexOf<RecordRotationStep>(plan);
        Assert.Equal(0, anchor);
        Assert.Equal(2, bundles.Count);
        Assert.Equal(2, issuers.Count);
        Assert.True(bundles.Max() < issuers.Min());
        Assert.Equal(plan.Steps.Count - 1, record);
        store.Apply(plan);
        AssertIssuerVerifiesAgainstBundle(store, T0);
        Assert.Equal("root.linkerd.cluster.local", store.Current!.Certificate.CommonName);
        Assert.Equal("identity.linkerd.cluster.local", store.Home.Issuer!.Certificate.CommonName);
        Assert.Equal(T0.AddHours(48), store.Home.Issuer.Certificate.NotAfter);
        Assert.NotEqual(store.Home.Issuer.Key.SubjectPublicKeyInfo.ToArray(), store["east"].Issuer!.Key.SubjectPublicKeyInfo.ToArray());
    }

    [Fact]
    public void A_good_state_yields_an_empty_plan()
    {
        var store = Stable();
        var plan = Plan(store, T0.AddHours(1));
        Assert.Empty(plan.Steps);
        Assert.Empty(plan.Findings);
        Assert.Equal(RotationPhase.Stable, plan.Phase);
        Assert.False(plan.AnchorExpiryAtRisk);
    }

    [Fact]
    public void The_trust_domain_names_new_anchors_and_issuers()
    {
        var store = new RotationStore();
        store.Apply(Plan(store, T0, Policy with { TrustDomain = "mesh.example" }));
        Assert.Equal("root.linkerd.mesh.example", store.Current!.Certificate.CommonName);
        Assert.Equal("identity.linkerd.mesh.example", store.Home.Issuer!.Certificate.CommonName);
    }

    [Theory]
    // issuer lifetime 48h (+1 minute of backdating); renew-before null = cert-manager's third, or 25h, or 10 percent
    [InlineData(null, null, 16 * 3600 + 20)]
    [InlineData(25.0, null, 25 * 3600)]
    [InlineData(null, 10, 4 * 3600 + 48 * 60 + 6)]
    public void The_issuer_is_renewed_from_its_cert_manager_renewal_time_on(double? renewBeforeHours, int? percent, int secondsBeforeExpiry)
    {
        var policy = Policy with
        {
            IssuerRenewal = RenewalPolicy.CertManagerStyle(renewBeforeHours is { } h ? TimeSpan.FromHours(h) : null, percent),
        };
        var store = new RotationStore();
        Settle(store, T0, policy);
        store.RecreatePods(T0);
        store.RestartIdentity(T0);
        var old = store.Home.Issuer!;
        var renewal = old.Certificate.NotAfter.AddSeconds(-secondsBeforeExpiry);
        Assert.Empty(Plan(store, renewal.AddSeconds(-1), policy).Steps);
        var plan = Plan(store, renewal, policy);
        var write = Assert.Single(plan.Steps.OfType<WriteIssuerStep>());
        Assert.Equal(IssuerRenewalReason.RenewalDue, write.Reason);
        Assert.False(write.Issuer.Key.Matches(old.Key.SubjectPublicKeyInfo.Span)); // a new key on every renewal
        Assert.Equal(store.Current!.Fingerprint, write.Anchor.Fingerprint);
        store.Apply(plan);
        Assert.Empty(Plan(store, renewal, policy).Steps);
    }

    [Fact]
    public void A_new_issuer_is_clamped_to_its_anchor()
    {
        var store = new RotationStore();
        var policy = Policy with { AnchorLifetime = TimeSpan.FromHours(100), AnchorRenewal = RenewalPolicy.CertManagerStyle(TimeSpan.FromHours(1)) };
        Settle(store, T0, policy);
        var now = store.Current!.Certificate.NotAfter.AddHours(-30);
        store.Home.Issuer = null;
        var write = Plan(store, now, policy).Steps.OfType<WriteIssuerStep>().Single();
        Assert.Equal(store.Current.Certificate.NotAfter, write.Issuer.Certificate.NotAfter);
        Assert.Contains(write.Notes, n => n.Contains("clamped"));
        Assert.Equal(IssuerRenewalReason.Missing, write.Reason);
    }

    [Fact]
    public void An_expired_issuer_is_replaced()
    {
        var store = Stable();
        var now = store.Home.Issuer!.Certificate.NotAfter.AddSeconds(1);
        var write = Plan(store, now).Steps.OfType<WriteIssuerStep>().Single();
        Assert.Equal(IssuerRenewalReason.Invalid, write.Reason);
    }

    [Fact]
    public void An_anchor_entering_its_window_is_published_beside_the_old_one_after_its_key_is_stored()
    {
        var store = Stable();
        var window = WindowOf(store);
        store.RenewIssuers(window.AddHours(-1));
        Assert.DoesNotContain(Plan(store, window.AddSeconds(-1)).Steps, s => s is StoreAnchorStep);

        var plan = Plan(store, window);
        Assert.Equal(RotationPhase.Stable, plan.Phase);
        Assert.Equal(RotationPhase.Publish, plan.PhaseAfter);
        var store_ = Assert.IsType<StoreAnchorStep>(plan.Steps[0]);
        Assert.Equal(AnchorSlot.Next, store_.Slot);
        Assert.True(store_.IsNew);
        var bundle = Assert.IsType<WriteBundleStep>(plan.Steps[1]);
        Assert.Equal(2, bundle.Bundle.Count);
        Assert.True(bundle.Bundle.Contains(store.Current!.Certificate));
        Assert.Equal([store_.Anchor.Fingerprint], bundle.Added);
        Assert.DoesNotContain(plan.Steps, s => s is WriteIssuerStep);
        var record = Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record;
        Assert.Equal(RotationPhase.Publish, record.Phase);
        Assert.Null(record.PublishedAt);
        Assert.Contains(plan.Waits, w => w.Reason == RotationWaitReason.PublicationUnconfirmed);
        Assert.Equal(TimeSpan.FromDays(90), store_.Anchor.Certificate.NotAfter - store_.Anchor.Certificate.NotBefore - TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void During_publish_issuer_renewals_continue_under_the_old_anchor()
    {
        var (store, readyAt) = ReadyToSwitch();
        store.Home.IdentityStartedAt = null; // gate closed
        var old = store.Current!;
        var plan = Plan(store, store.Home.Issuer!.Certificate.NotAfter.AddHours(-1));
        var write = plan.Steps.OfType<WriteIssuerStep>().Single();
        Assert.Equal(old.Fingerprint, write.Anchor.Fingerprint);
        Assert.Equal(IssuerRenewalReason.RenewalDue, write.Reason);
    }

    [Fact]
    public void The_publication_is_stamped_by_the_first_run_that_sees_the_new_anchor_in_every_bundle()
    {
        var store = Stable(null, "home", "east");
        var publishAt = WindowOf(store);
        store.RenewIssuers(publishAt);
        var plan = Plan(store, publishAt);
        store.Apply(plan, plan.Writes.Count() - 2); // died before the last bundle and the record
        Assert.Null(store["east"].Bundle!.Find(store.Next!.Fingerprint));
        var resumed = Plan(store, publishAt.AddMinutes(5));
        Assert.Equal(RotationPhase.Publish, resumed.Phase);
        var bundle = Assert.Single(resumed.Writes.OfType<WriteBundleStep>());
        Assert.Equal("east", bundle.Cluster);
        store.Apply(resumed);
        Assert.Null(store.Record!.PublishedAt);
        var stampAt = publishAt.AddMinutes(10).AddMilliseconds(300);
        var confirm = Plan(store, stampAt);
        Assert.Equal(stampAt.AddMilliseconds(700), Assert.IsType<RecordRotationStep>(Assert.Single(confirm.Writes)).Record.PublishedAt);
    }

    public static TheoryData<string, RotationWaitReason?> Gates => new()
    {
        { "all open", null },
        { "bundle too young", RotationWaitReason.BundleTooYoung },
        { "no identity controller", RotationWaitReason.IdentityControllerNotFound },
        { "identity controller older than the publication", RotationWaitReason.IdentityControllerNotRestarted },
        { "a pod lacks the new anchor", RotationWaitReason.PodsLackNewAnchor },
        { "a pod in the other cluster lacks the new anchor", RotationWaitReason.PodsLackNewAnchor },
        { "the other cluster's identity controller is older", RotationWaitReason.IdentityControllerNotRestarted },
        { "paused", RotationWaitReason.Paused },
    };

    [Theory]
    [MemberData(nameof(Gates))]
    public void The_switch_waits_for_every_gate_in_every_cluster(string gate, RotationWaitReason? expected)
    {
        var (store, readyAt) = ReadyToSwitch("home", "east");
        var now = readyAt;
        var publishedAt = store.Record!.PublishedAt!.Value;
        var oldAnchor = store.Current!.Fingerprint;
        switch (gate)
        {
            case "bundle too young": now = readyAt.AddSeconds(-1); break;
            case "no identity controller": store.Home.IdentityStartedAt = null; break;
            case "identity controller older than the publication": store.Home.IdentityStartedAt = publishedAt.AddSeconds(-1); break;
            case "a pod lacks the new anchor":
                store.Home.Pods.Add(new MeshedPodGroup(new HashSet<string> { oldAnchor }, 2, ["shop/cart", "shop/cart"]));
                break;
            case "a pod in the other cluster lacks the new anchor":
                store["east"].Pods.Add(new MeshedPodGroup(new HashSet<string>(), 1, ["batch/etl"]));
                break;
            case "the other cluster's identity controller is older": store["east"].IdentityStartedAt = publishedAt.AddHours(-1); break;
            case "paused": store.Paused = true; break;
        }
        var plan = Plan(store, now);
        if (expected is null)
        {
            Assert.Equal(RotationPhase.Switch, plan.PhaseAfter);
            Assert.DoesNotContain(plan.Waits, w => w.Reason != RotationWaitReason.SwitchUnconfirmed);
            return;
        }
        Assert.Equal(RotationPhase.Publish, plan.PhaseAfter);
        Assert.DoesNotContain(plan.Steps, s => s is WriteIssuerStep);
        Assert.DoesNotContain(plan.Steps, s => s is StoreAnchorStep or DeleteAnchorStep);
        var wait = Assert.Single(plan.Waits, w => w.Reason == expected);
        if (gate == "a pod lacks the new anchor")
        {
            Assert.Equal(2, wait.Pods);
            Assert.Equal(["shop/cart"], wait.Workloads);
            Assert.Equal("home", wait.Cluster);
        }
        if (gate == "bundle too young") Assert.Equal(readyAt, wait.Until);
        if (gate == "paused") Assert.Contains(plan.Findings, f => f.Id == FindingIds.RotationPaused);
    }

    [Fact]
    public void The_switch_moves_the_anchors_then_signs_every_issuer_with_the_new_anchor_then_records()
    {
        var (store, readyAt) = ReadyToSwitch("home", "east");
        var a = store.Current!;
        var b = store.Next!;
        var plan = Plan(store, readyAt);
        var steps = plan.Writes.ToList();
        Assert.Equal(RotationPhase.Publish, plan.Phase);
        Assert.Equal(RotationPhase.Switch, plan.PhaseAfter);
        Assert.Equal(new StoreAnchorStep(AnchorSlot.Previous, a, false), steps[0]);
        Assert.Equal(new StoreAnchorStep(AnchorSlot.Current, b, false), steps[1]);
        Assert.Equal(new DeleteAnchorStep(AnchorSlot.Next, b.Fingerprint), steps[2]);
        Assert.All(steps.Skip(3).Take(2), s => Assert.Equal(b.Fingerprint, Assert.IsType<WriteIssuerStep>(s).Anchor.Fingerprint));
        Assert.All(steps.Skip(3).Take(2), s => Assert.Equal(IssuerRenewalReason.SwitchToNewAnchor, ((WriteIssuerStep)s).Reason));
        var record = Assert.IsType<RecordRotationStep>(steps[^1]).Record;
        Assert.Equal(RotationPhase.Switch, record.Phase);
        Assert.Equal(b.Fingerprint, record.AnchorFingerprint);
        Assert.Equal(a.Fingerprint, record.PreviousFingerprint);
        Assert.Null(record.SwitchedAt);
        Assert.DoesNotContain(plan.Steps, s => s is WriteBundleStep);
        store.Apply(plan);
        AssertIssuerVerifiesAgainstBundle(store, readyAt);
    }

    [Fact]
    public void A_minimum_bundle_age_of_zero_switches_as_soon_as_pods_and_identity_trust_the_new_anchor()
    {
        var policy = Policy with { MinBundleAge = TimeSpan.Zero };
        var store = Stable();
        var publishAt = WindowOf(store);
        store.Apply(Plan(store, publishAt, policy));
        var confirmAt = publishAt.AddSeconds(30);
        store.Apply(Plan(store, confirmAt, policy));
        store.RecreatePods(confirmAt.AddSeconds(1));
        store.RestartIdentity(confirmAt.AddSeconds(1));
        Assert.Equal(RotationPhase.Switch, Plan(store, confirmAt.AddSeconds(2), policy).PhaseAfter);
    }

    private static (RotationStore Store, DateTimeOffset SwitchedAt) Switched()
    {
        var (store, readyAt) = ReadyToSwitch();
        store.Apply(Plan(store, readyAt));
        var confirmAt = readyAt.AddHours(1);
        store.Apply(Plan(store, confirmAt));
        Assert.Equal(confirmAt, store.Record!.SwitchedAt);
        return (store, confirmAt);
    }

    [Fact]
    public void The_old_anchor_is_dropped_once_no_leaf_from_it_can_be_alive_then_its_key_is_removed()
    {
        var (store, switchedAt) = Switched();
        var drained = switchedAt + Policy.DrainTime;
        var early = Plan(store, drained.AddSeconds(-1));
        Assert.Equal(RotationPhase.Switch, early.Phase);
        Assert.False(early.HasWrites);
        Assert.Equal(drained, Assert.Single(early.Waits, w => w.Reason == RotationWaitReason.LeavesMayChainToOldAnchor).Until);

        var a = store.Previous!;
        var plan = Plan(store, drained);
        var steps = plan.Writes.ToList();
        var bundle = Assert.IsType<WriteBundleStep>(steps[0]);
        Assert.Equal([a.Fingerprint], bundle.Removed);
        Assert.Equal(1, bundle.Bundle.Count);
        Assert.Equal(new DeleteAnchorStep(AnchorSlot.Previous, a.Fingerprint), steps[1]);
        Assert.Equal(RotationPhase.Stable, Assert.IsType<RecordRotationStep>(steps[2]).Record.Phase);
        Assert.Equal(RotationPhase.Stable, plan.PhaseAfter);
        store.Apply(plan);
        Assert.Empty(Plan(store, drained.AddHours(1)).Steps);
    }

    [Fact]
    public void The_drop_comes_early_when_every_meshed_pod_started_after_the_switch()
    {
        var (store, switchedAt) = Switched();
        store.RecreatePods(switchedAt + Policy.Margin);
        var plan = Plan(store, switchedAt + Policy.Margin);
        Assert.Contains(plan.Writes, s => s is WriteBundleStep b && b.Removed.Count == 1);
    }

    [Fact]
    public void A_pod_older_than_the_switch_keeps_the_old_anchor()
    {
        var (store, switchedAt) = Switched();
        store.RecreatePods(switchedAt + Policy.Margin);
        store.Home.OldestPodStartedAt = switchedAt;
        Assert.False(Plan(store, switchedAt + Policy.Margin).HasWrites);
    }

    [Fact]
    public void Pods_of_unknown_age_never_shorten_the_drain()
    {
        var (store, switchedAt) = Switched();
        store.RecreatePods(switchedAt + Policy.Margin);
        store.Home.OldestPodStartedAt = null;
        Assert.False(Plan(store, switchedAt + Policy.Margin).HasWrites);
        store.Home.Pods.Clear(); // no meshed pod at all: nothing can hold a workload certificate
        Assert.True(Plan(store, switchedAt + Policy.Margin).HasWrites);
    }

    [Fact]
    public void An_issuer_still_signed_by_the_old_anchor_holds_the_drop_and_is_switched_while_the_gate_holds()
    {
        var (store, readyAt) = ReadyToSwitch("home", "east");
        var a = store.Current!;
        var plan = Plan(store, readyAt);
        var lastIssuer = plan.Writes.ToList().FindLastIndex(s => s is WriteIssuerStep);
        store.Apply(plan, lastIssuer); // died before the east issuer was written
        var later = readyAt.AddHours(2);
        var resumed = Plan(store, later);
        Assert.Equal(RotationPhase.Switch, resumed.Phase);
        var write = Assert.Single(resumed.Writes.OfType<WriteIssuerStep>());
        Assert.Equal("east", write.Cluster);
        Assert.Equal(IssuerRenewalReason.SwitchToNewAnchor, write.Reason);
        Assert.DoesNotContain(resumed.Writes, s => s is WriteBundleStep); // A stays: the east issuer chained to it until now
        Assert.Null(Assert.IsType<RecordRotationStep>(resumed.Writes.Last()).Record.SwitchedAt);
        Assert.Equal(a.Fingerprint, store.Previous!.Fingerprint);
    }

    [Fact]
    public void A_switch_that_died_after_the_current_slot_was_written_resumes()
    {
        var (store, readyAt) = ReadyToSwitch();
        var b = store.Next!;
        store.Apply(Plan(store, readyAt), 2); // previous = A, current = B; next still B
        var resumed = Plan(store, readyAt.AddMinutes(1));
        Assert.Equal(RotationPhase.Switch, resumed.Phase);
        Assert.Equal(new DeleteAnchorStep(AnchorSlot.Next, b.Fingerprint), resumed.Writes.First());
        Assert.Contains(resumed.Writes, s => s is WriteIssuerStep w && w.Anchor.Fingerprint == b.Fingerprint);
    }

    [Fact]
    public void A_switch_that_died_after_storing_the_previous_anchor_is_still_publish_and_does_not_store_it_again()
    {
        var (store, readyAt) = ReadyToSwitch();
        store.Apply(Plan(store, readyAt), 1);
        Assert.Equal(store.Current!.Fingerprint, store.Previous!.Fingerprint);
        var resumed = Plan(store, readyAt.AddMinutes(1));
        Assert.Equal(RotationPhase.Publish, resumed.Phase);
        Assert.Equal(AnchorSlot.Current, Assert.IsType<StoreAnchorStep>(resumed.Writes.First()).Slot);
    }

    [Fact]
    public void Every_prefix_of_every_plan_resumes_to_a_settled_stable_state()
    {
        var (template, readyAt) = ReadyToSwitch("home", "east");
        _ = template;
        // Each phase change, interrupted after each of its writes, then resumed: the world converges.
        foreach (var phase in new[] { "publish", "switch", "drop" })
        {
            for (var cut = 0; ; cut++)
            {
                var (store, at) = ReadyToSwitch("home", "east");
                RotationPlan plan;
                DateTimeOffset now;
                if (phase == "publish")
                {
                    store = Stable(null, "home", "east");
                    now = WindowOf(store);
                }
                else if (phase == "switch") now = at;
                else
                {
                    store.Apply(Plan(store, at));
                    store.Apply(Plan(store, at.AddHours(1)));
                    now = at.AddHours(1) + Policy.DrainTime;
                }
                plan = Plan(store, now);
                var writes = plan.Writes.Count();
                if (cut > writes) break;
                store.Apply(plan, cut);
                var resumed = Settle(store, now.AddMinutes(1));
                Assert.False(resumed.IsStopped);
                AssertIssuerVerifiesAgainstBundle(store, now.AddMinutes(1));
                foreach (var cluster in store.Clusters)
                foreach (var anchor in cluster.Bundle!.Certificates)
                    Assert.Contains(anchor.Fingerprint, new[] { store.Current, store.Next, store.Previous }.Select(s => s?.Fingerprint));
            }
        }
    }

    [Fact]
    public void An_anchor_that_expires_before_the_switch_forces_it_and_says_who_loses_trust()
    {
        var (store, readyAt) = ReadyToSwitch();
        var a = store.Current!;
        store.Home.Pods.Add(new MeshedPodGroup(new HashSet<string> { a.Fingerprint }, 4, ["legacy/app"]));
        var now = a.Certificate.NotAfter.AddSeconds(1);
        var plan = Plan(store, now);
        Assert.Contains(plan.Findings, f => f.Id == FindingIds.AnchorExpired && f.Message.Contains("legacy/app") && f.Remedy!.Action == RemedyAction.RestartWorkloads);
        var bundle = Assert.Single(plan.Writes.OfType<WriteBundleStep>());
        Assert.Equal([a.Fingerprint], bundle.Removed);
        Assert.Equal(store.Next!.Fingerprint, Assert.Single(plan.Writes.OfType<WriteIssuerStep>()).Anchor.Fingerprint);
        Assert.DoesNotContain(plan.Writes, s => s is StoreAnchorStep { Slot: AnchorSlot.Previous });
        store.Apply(plan);
        Assert.Null(store.Previous);
        Assert.Equal(RotationPhase.Stable, store.Record!.Phase);
    }

    [Fact]
    public void An_expired_anchor_with_no_successor_is_replaced_at_once()
    {
        var store = Stable();
        var now = store.Current!.Certificate.NotAfter.AddHours(1);
        var plan = Plan(store, now);
        Assert.Contains(plan.Findings, f => f.Id == FindingIds.AnchorExpired);
        store.Apply(plan);
        Assert.True(store.Current!.Certificate.IsValidAt(now));
        Assert.Equal(1, store.Home.Bundle!.Count);
        AssertIssuerVerifiesAgainstBundle(store, now);
    }

    [Fact]
    public void A_stalled_rotation_that_puts_the_anchor_at_risk_is_reported()
    {
        var (store, readyAt) = ReadyToSwitch();
        store.Home.Pods.Add(new MeshedPodGroup(new HashSet<string> { store.Current!.Fingerprint }, 7, ["shop/cart"]));
        var expiry = store.Current.Certificate.NotAfter;
        var safe = Plan(store, expiry - Policy.TimeToFinish);
        Assert.False(safe.AnchorExpiryAtRisk);
        var late = Plan(store, expiry - Policy.TimeToFinish + TimeSpan.FromSeconds(1));
        Assert.True(late.AnchorExpiryAtRisk);
        var finding = Assert.Single(late.Findings, f => f.Id == FindingIds.RotationStalled);
        Assert.Contains("7 meshed pod(s)", finding.Message);
        Assert.Contains("shop/cart", finding.Message);
        Assert.DoesNotContain("--", finding.Message);
    }

    [Fact]
    public void Paused_rotation_does_not_start_but_the_issuer_is_still_renewed()
    {
        var store = Stable();
        store.Paused = true;
        var window = WindowOf(store);
        store.Home.Issuer = RotationPki.Issuer(store.Current!, window.AddHours(-40), TimeSpan.FromHours(48));
        var plan = Plan(store, window);
        Assert.DoesNotContain(plan.Writes, s => s is StoreAnchorStep or WriteBundleStep);
        Assert.Equal(IssuerRenewalReason.RenewalDue, Assert.Single(plan.Writes.OfType<WriteIssuerStep>()).Reason);
        Assert.Contains(plan.Findings, f => f.Id == FindingIds.RotationPaused);
        Assert.Contains(plan.Waits, w => w.Reason == RotationWaitReason.Paused);
    }

    [Fact]
    public void An_emergency_rotates_outside_the_window_without_a_minimum_bundle_age_and_only_once()
    {
        var policy = Policy with { Emergency = true };
        var store = Stable();
        var now = T0.AddDays(1);
        var plan = Plan(store, now, policy);
        Assert.Equal(RotationPhase.Publish, plan.PhaseAfter);
        Assert.True(Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record.Emergency);
        store.Apply(plan);
        store.Apply(Plan(store, now.AddMinutes(1), Policy)); // later runs without the flag keep the emergency
        store.RecreatePods(now.AddMinutes(2));
        store.RestartIdentity(now.AddMinutes(2));
        Assert.Equal(RotationPhase.Switch, Plan(store, now.AddMinutes(3), Policy).PhaseAfter);
        store.Apply(Plan(store, now.AddMinutes(3), policy));
        store.Apply(Plan(store, now.AddMinutes(4), policy));
        store.RecreatePods(now.AddMinutes(4) + Policy.Margin);
        store.Apply(Plan(store, now.AddMinutes(4) + Policy.Margin, policy));
        Assert.Equal(RotationPhase.Stable, store.Record!.Phase);
        Assert.True(store.Record.Emergency);
        Assert.Empty(Plan(store, now.AddHours(3), policy).Writes); // the flag does not rotate the anchor it produced
    }

    [Fact]
    public void A_pause_is_reported_on_every_run_even_when_no_rotation_is_due()
    {
        var store = Stable();
        store.Paused = true;
        var plan = Plan(store, T0.AddHours(1));
        Assert.False(plan.HasWrites);
        Assert.Empty(plan.Waits); // nothing waits on it yet
        var finding = Assert.Single(plan.Findings);
        Assert.Equal(FindingIds.RotationPaused, finding.Id);
        Assert.Contains("not due for rotation before", finding.Message);
        Assert.Equal(RemedyAction.ResumeRotation, finding.Remedy!.Action);
        Assert.False(plan.EmergencyBlocked);
        store.Paused = false;
        Assert.Empty(Plan(store, T0.AddHours(1)).Findings);
    }

    [Fact]
    public void An_emergency_asked_for_while_paused_is_blocked_and_says_so()
    {
        var store = Stable();
        store.Paused = true;
        var plan = Plan(store, T0.AddDays(1), Policy with { Emergency = true });
        Assert.True(plan.EmergencyBlocked);
        Assert.DoesNotContain(plan.Writes, s => s is StoreAnchorStep);
        var finding = Assert.Single(plan.Findings, f => f.Id == FindingIds.RotationPaused);
        Assert.Contains("emergency", finding.Message);
        Assert.DoesNotContain("due for rotation since", finding.Message); // it is not due: it was asked for
        Assert.Contains(plan.Waits, w => w.Reason == RotationWaitReason.Paused);

        // Under way: a pause holds an emergency rotation in any phase, and says so while the flag is given.
        store.Paused = false;
        store.Apply(Plan(store, T0.AddDays(1), Policy with { Emergency = true }));
        store.Paused = true;
        var held = Plan(store, T0.AddDays(1).AddHours(1), Policy with { Emergency = true });
        Assert.True(held.EmergencyBlocked);
        Assert.Contains("publish phase", Assert.Single(held.Findings, f => f.Id == FindingIds.RotationPaused).Message);
        Assert.False(Plan(store, T0.AddDays(1).AddHours(1)).EmergencyBlocked); // a later run without the flag is only paused
    }

    [Fact]
    public void A_zero_minimum_bundle_age_is_no_wait_even_in_the_second_the_publication_is_stamped()
    {
        var policy = Policy with { MinBundleAge = TimeSpan.Zero };
        var store = Stable();
        var publishAt = WindowOf(store);
        store.Apply(Plan(store, publishAt, policy));
        var confirmAt = publishAt.AddMilliseconds(300); // stamped at the next whole second, a moment ahead
        var plan = Plan(store, confirmAt, policy);
        Assert.Equal(publishAt.AddSeconds(1), Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record.PublishedAt);
        Assert.DoesNotContain(plan.Waits, w => w.Reason == RotationWaitReason.BundleTooYoung);
        Assert.Contains(plan.Waits, w => w.Reason == RotationWaitReason.IdentityControllerNotRestarted); // the other gates hold
    }

    [Fact]
    public void An_issuer_that_must_renew_under_a_previous_anchor_stored_without_its_key_is_reported_not_signed()
    {
        var (store, readyAt) = ReadyToSwitch("home", "east");
        var plan = Plan(store, readyAt);
        store.Apply(plan, plan.Writes.ToList().FindLastIndex(s => s is WriteIssuerStep)); // died before the east issuer was written
        var a = store.Previous!;
        Assert.NotNull(a.Key);
        // East keeps an issuer under A, due for renewal, and a pod that trusts only A, so the gate does not let east
        // move to B: the issuer must be renewed under A, whose key is gone.
        var now = readyAt.AddHours(1);
        store["east"].Issuer = RotationPki.Issuer(a, now.AddHours(-40), TimeSpan.FromHours(48));
        store["east"].Pods.Add(new MeshedPodGroup(new HashSet<string> { a.Fingerprint }, 1, ["default/late"]));
        store.Previous = a with { Key = null };

        var held = Plan(store, now);
        Assert.False(held.IsStopped);
        Assert.DoesNotContain(held.Writes, s => s is WriteIssuerStep { Cluster: "east" });
        Assert.DoesNotContain(held.Writes, s => s is WriteBundleStep b && b.Removed.Contains(a.Fingerprint)); // A stays trusted
        Assert.DoesNotContain(held.Writes, s => s is DeleteAnchorStep);
        var finding = Assert.Single(held.Findings, f => f.Id == FindingIds.AnchorKeyMissing);
        Assert.Equal("east", finding.Source);
        Assert.Contains("previous anchor", finding.Message);
        Assert.Contains("(renewal due)", finding.Message);
        Assert.Equal(RemedyAction.RestoreAnchor, finding.Remedy!.Action);

        // With the key restored the same state renews east's issuer under A.
        store.Previous = a;
        var renewed = Assert.Single(Plan(store, now).Writes.OfType<WriteIssuerStep>(), w => w.Cluster == "east");
        Assert.Equal(a.Fingerprint, renewed.Anchor.Fingerprint);
        Assert.Equal(IssuerRenewalReason.RenewalDue, renewed.Reason);
    }

    [Fact]
    public void The_drop_is_stamped_in_the_record_and_kept_while_its_anchor_stays_current()
    {
        var (store, switchedAt) = Switched();
        var drained = switchedAt + Policy.DrainTime;
        var plan = Plan(store, drained.AddMilliseconds(500));
        var record = Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record;
        Assert.Equal(RotationPhase.Stable, record.Phase);
        Assert.Equal(drained.AddSeconds(1), record.DroppedAt); // whole seconds, never before the bundle writes
        store.Apply(plan);
        var later = Plan(store, drained.AddHours(5));
        Assert.False(later.HasWrites); // kept, not rewritten
        Assert.Equal(drained.AddSeconds(1), store.Record!.DroppedAt);
    }

    [Fact]
    public void A_bootstrap_under_the_emergency_flag_does_not_rotate_the_anchor_it_just_made()
    {
        var policy = Policy with { Emergency = true };
        var store = new RotationStore();
        var plan = Plan(store, T0, policy);
        Assert.True(Assert.IsType<RecordRotationStep>(plan.Writes.Last()).Record.Emergency);
        store.Apply(plan);
        Assert.False(Plan(store, T0.AddMinutes(1), policy).HasWrites);
    }

    [Fact]
    public void Messages_say_why_in_words_not_enum_names()
    {
        var store = new RotationStore();
        var plan = Plan(store, T0);
        var issuer = Assert.Single(plan.Writes.OfType<WriteIssuerStep>());
        Assert.Contains("(none yet)", issuer.ToString());
        Assert.Equal("record phase stable", Assert.IsType<RecordRotationStep>(plan.Writes.Last()).ToString());
        foreach (var name in Enum.GetNames<IssuerRenewalReason>())
            Assert.DoesNotContain($"({name})", issuer.ToString());
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "a reader problem", FindingIds.PemMalformed },
        { "issuer key mismatch", FindingIds.KeyMismatch },
        { "anchor key mismatch", FindingIds.KeyMismatch },
        { "anchor without key", FindingIds.AnchorKeyMissing },
        { "three anchors", FindingIds.RotationStateInconsistent },
        { "anchor missing", FindingIds.AnchorMissing },
        { "issuer owned by cert-manager", FindingIds.IssuerOwnedElsewhere },
        { "anchor that is not a CA", FindingIds.RotationStateInconsistent },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Corrupt_or_foreign_state_stops_with_a_finding_and_no_writes(string corruption, string id)
    {
        var store = Stable();
        var state = store.ToState();
        var other = RotationPki.Anchor(T0, TimeSpan.FromDays(10));
        state = corruption switch
        {
            "a reader problem" => state with { Problems = [new Finding(FindingIds.PemMalformed, "garbage") { Source = "anchor" }] },
            "issuer key mismatch" => state with { Clusters = [state.Clusters[0] with { Issuer = state.Clusters[0].Issuer! with { Key = other.Key! } }] },
            "anchor key mismatch" => state with { Current = state.Current! with { Key = other.Key } },
            "anchor without key" => state with { Current = state.Current! with { Key = null } },
            "three anchors" => state with { Next = other, Previous = RotationPki.Anchor(T0, TimeSpan.FromDays(10)) },
            "anchor missing" => state with { Current = null },
            "issuer owned by cert-manager" => state with { Clusters = [state.Clusters[0] with { IssuerOwner = "linkerd/linkerd-identity-issuer" }] },
            "anchor that is not a CA" => state with { Current = new StoredAnchor(Pki.Odd(null, "leafish", ca: false).Certificate, other.Key) },
            _ => throw new InvalidOperationException(),
        };
        var plan = Planner.Plan(state, Policy, T0.AddHours(1));
        Assert.True(plan.IsStopped);
        Assert.False(plan.HasWrites);
        Assert.All(plan.Steps, s => Assert.IsType<StopStep>(s));
        var finding = Assert.Single(plan.Findings, f => f.Id == id);
        Assert.DoesNotContain("--", finding.Message);
        Assert.Equal(RotationPhase.Unknown, plan.Phase);
    }

    [Fact]
    public void Taking_over_an_owned_issuer_proceeds()
    {
        var store = Stable();
        store.Home.IssuerOwner = "linkerd/linkerd-identity-issuer";
        Assert.True(Plan(store, T0.AddHours(1)).IsStopped);
        Assert.False(Plan(store, T0.AddHours(1), Policy with { TakeOver = true }).IsStopped);
    }

    [Fact]
    public void An_unmanaged_anchor_is_kept_until_it_expires_and_reported()
    {
        var store = Stable();
        var foreign = RotationPki.Anchor(T0, TimeSpan.FromDays(3), "root.other");
        store.Home.Bundle = store.Home.Bundle!.Add(foreign.Certificate);
        var plan = Plan(store, T0.AddHours(1));
        Assert.False(plan.HasWrites);
        Assert.Contains(plan.Findings, f => f.Id == FindingIds.BundleUnmanagedAnchor);
        var later = Plan(store, foreign.Certificate.NotAfter.AddSeconds(1));
        Assert.Contains(later.Writes, s => s is WriteBundleStep b && b.Removed.SequenceEqual([foreign.Fingerprint]));
    }

    [Fact]
    public void A_working_issuer_under_an_unmanaged_anchor_moves_to_ours_only_once_every_meshed_pod_trusts_ours()
    {
        // A migration: the cluster runs an issuer from anchor X (say, Linkerd's own install); the job's anchor A is
        // stored and published beside X. Replacing the issuer before the proxies trust A would cut them off.
        var foreign = RotationPki.Anchor(T0, TimeSpan.FromDays(60), "root.linkerd.other");
        var store = new RotationStore();
        store.Current = RotationPki.Anchor(T0, Policy.AnchorLifetime);
        store.Home.Bundle = RotationPki.Bundle(foreign, store.Current);
        store.Home.Issuer = RotationPki.Issuer(foreign, T0, TimeSpan.FromHours(48));
        store.Home.Pods = [new MeshedPodGroup(new HashSet<string> { foreign.Fingerprint }, 4, ["default/web"])];
        store.Home.IdentityStartedAt = T0;

        var held = Plan(store, T0.AddHours(1));
        Assert.DoesNotContain(held.Writes, s => s is WriteIssuerStep);
        var wait = Assert.Single(held.Waits, w => w.Reason == RotationWaitReason.PodsLackNewAnchor);
        Assert.Equal(4, wait.Pods);
        Assert.Equal(["default/web"], wait.Workloads);
        AssertIssuerVerifiesAgainstBundle(store, T0.AddHours(1));

        store.RecreatePods(T0.AddHours(2)); // the pods now trust {X, A}
        var moved = Plan(store, T0.AddHours(2));
        Assert.Equal(IssuerRenewalReason.Invalid, Assert.Single(moved.Writes.OfType<WriteIssuerStep>()).Reason);

        // An issuer due for renewal cannot be renewed under X (no key): it moves to A whatever the pods trust.
        store.Home.Pods = [new MeshedPodGroup(new HashSet<string> { foreign.Fingerprint }, 4, ["default/web"])];
        var due = Plan(store, T0.AddHours(40));
        Assert.Contains(due.Writes, s => s is WriteIssuerStep);
    }

    [Fact]
    public void A_stale_copy_of_the_current_anchor_in_the_previous_slot_is_removed()
    {
        var store = Stable();
        store.Previous = store.Current;
        var plan = Plan(store, T0.AddHours(1));
        Assert.Equal(new DeleteAnchorStep(AnchorSlot.Previous, store.Current!.Fingerprint), Assert.Single(plan.Writes));
    }

    [Fact]
    public void A_missing_bundle_is_rewritten_before_the_issuer()
    {
        var store = Stable();
        store.Home.Bundle = null;
        store.Home.Issuer = null;
        var plan = Plan(store, T0.AddHours(1));
        Assert.True(IndexOf<WriteBundleStep>(plan) < IndexOf<WriteIssuerStep>(plan));
    }

    public static TheoryData<string> BadPolicies => ["issuer lifetime", "anchor lifetime", "bundle age", "issuer outlives anchor", "anchor too short to rotate", "domain"];

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void A_bad_policy_is_an_input_error(string what)
    {
        var policy = what switch
        {
            "issuer lifetime" => Policy with { IssuerLifetime = TimeSpan.Zero },
            "anchor lifetime" => Policy with { AnchorLifetime = TimeSpan.FromHours(-1) },
            "bundle age" => Policy with { MinBundleAge = TimeSpan.FromSeconds(-1) },
            "issuer outlives anchor" => Policy with { IssuerLifetime = TimeSpan.FromDays(91) },
            // 48h issuer + 24h leaves + 20s skew + 1h margin + 24h bundle age = 97h20s: a 96h anchor can never rotate safely.
            "anchor too short to rotate" => Policy with { AnchorLifetime = TimeSpan.FromHours(96) },
            _ => Policy with { TrustDomain = "Cluster.Local" },
        };
        var error = Assert.Throws<TrustInputException>(() => Planner.Plan(new RotationStore().ToState(), policy, T0));
        Assert.DoesNotContain("--", error.Message);
    }

    [Fact]
    public void The_planner_reads_no_clock_the_same_input_gives_the_same_decisions()
    {
        var (store, readyAt) = ReadyToSwitch();
        var first = Plan(store, readyAt);
        var second = Plan(store, readyAt);
        Assert.Equal(first.Steps.Select(s => s.GetType()), second.Steps.Select(s => s.GetType()));
        Assert.Equal(first.PhaseAfter, second.PhaseAfter);
    }
}
