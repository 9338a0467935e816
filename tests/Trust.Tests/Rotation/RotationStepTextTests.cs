using Trust.Bundles;
using Trust.Findings;
using Trust.Keys;
using Trust.Rotation;
using Trust.Tests.Support;
using Trust.Time;

namespace Trust.Tests.Rotation;

/// <summary>
/// The one-line descriptions of steps, anchors, issuers and plans (what a dry run prints), the keys a plan owns, and the
/// timeline a person reads before a run.
/// </summary>
public class RotationStepTextTests
{
    private static readonly DateTimeOffset T0 = TestClock.Epoch;
    private static readonly RotationPolicy Policy = new() { AnchorLifetime = TimeSpan.FromDays(90) };
    private static readonly StoredAnchor Anchor = RotationPki.Anchor(T0, TimeSpan.FromDays(90));

    private static string Short(string fingerprint) => fingerprint[..16];

    [Fact]
    public void An_anchor_describes_its_subject_its_short_fingerprint_and_a_missing_key()
    {
        var subject = Anchor.Certificate.Subject;
        Assert.Equal($"anchor '{subject}' (sha256 {Short(Anchor.Fingerprint)}…)", Anchor.ToString());
        Assert.Equal($"anchor '{subject}' (sha256 {Short(Anchor.Fingerprint)}…) without its key", (Anchor with { Key = null }).ToString());
    }

    [Fact]
    public void An_issuer_describes_its_subject_and_short_fingerprint()
    {
        var issuer = RotationPki.Issuer(Anchor, T0, TimeSpan.FromHours(48));
        Assert.Equal($"issuer '{issuer.Certificate.Subject}' (sha256 {Short(issuer.Certificate.Fingerprint)}…)", issuer.ToString());
    }

    [Fact]
    public void Storing_an_anchor_says_whether_it_is_new_and_names_the_slot()
    {
        Assert.Equal($"store new {Anchor} as the next anchor", new StoreAnchorStep(AnchorSlot.Next, Anchor, IsNew: true).ToString());
        Assert.Equal($"store {Anchor} as the previous anchor", new StoreAnchorStep(AnchorSlot.Previous, Anchor, IsNew: false).ToString());
    }

    [Fact]
    public void An_anchor_step_without_a_key_has_no_secret_to_write()
    {
        var step = new StoreAnchorStep(AnchorSlot.Current, Anchor with { Key = null }, IsNew: false);
        Assert.Equal("an anchor is stored with its key", Assert.Throws<InvalidOperationException>(step.ToTlsSecret).Message);
    }

    [Fact]
    public void Removing_an_anchor_names_the_slot_and_at_most_sixteen_digits_of_the_fingerprint()
    {
        Assert.Equal($"remove the previous anchor (sha256 {Short(Anchor.Fingerprint)}…)", new DeleteAnchorStep(AnchorSlot.Previous, Anchor.Fingerprint).ToString());
        Assert.Equal("remove the next anchor (sha256 abc…)", new DeleteAnchorStep(AnchorSlot.Next, "abc").ToString());
    }

    [Fact]
    public void Recording_stopping_and_waiting_say_what_they_do()
    {
        Assert.Equal("record phase switch", new RecordRotationStep(new RotationRecord { Phase = RotationPhase.Switch, AnchorFingerprint = "ab" }).ToString());
        Assert.Equal("stop: home: garbage", new StopStep(new Finding(FindingIds.PemMalformed, "garbage") { Source = "home" }).ToString());
        Assert.Equal("wait: the bundle is young", new WaitStep(RotationWaitReason.BundleTooYoung, "the bundle is young").ToString());
        Assert.Equal("wait (east): 3 pods", new WaitStep(RotationWaitReason.PodsLackNewAnchor, "3 pods") { Cluster = "east" }.ToString());
    }

    [Fact]
    public void Writing_a_bundle_counts_its_anchors_and_the_changes()
    {
        var other = RotationPki.Anchor(T0, TimeSpan.FromDays(10), "root.other");
        var step = new WriteBundleStep("home", RotationPki.Bundle(Anchor, other), [other.Fingerprint], []);
        Assert.Equal("write the trust bundle of home: 2 anchor(s), 1 added, 0 removed", step.ToString());
    }

    [Fact]
    public void Writing_an_issuer_names_the_cluster_the_reason_the_expiry_and_the_anchor()
    {
        var issuer = RotationPki.Issuer(Anchor, T0, TimeSpan.FromHours(48));
        var step = new WriteIssuerStep("east", issuer, Anchor.Certificate, IssuerRenewalReason.RenewalDue);
        Assert.Equal($"write a new issuer in east (renewal due), valid until {Rfc3339.Format(T0.AddHours(48))}, signed by anchor sha256 {Short(Anchor.Fingerprint)}…",
            step.ToString());
    }

    [Fact]
    public void A_plan_describes_its_phases_and_counts_writes_and_other_steps_apart()
    {
        var store = new RotationStore();
        var bootstrap = new RotationPlanner().Plan(store.ToState(), Policy, T0);
        Assert.Equal("rotation plan: Bootstrap -> Stable, 4 write(s), 0 other step(s)", bootstrap.ToString());
        store.Apply(bootstrap);
        var window = Policy.AnchorRenewal.RenewalTime(store.Current!.Certificate);
        store.Home.Issuer = RotationPki.Issuer(store.Current, window, TimeSpan.FromHours(48));
        var publish = new RotationPlanner().Plan(store.ToState(), Policy, window);
        Assert.Equal("rotation plan: Stable -> Publish, 3 write(s), 1 other step(s)", publish.ToString());
    }

    [Fact]
    public void Disposing_a_plan_disposes_the_keys_it_created_and_only_those()
    {
        var store = Stable();
        var stored = store.Current!.Key!;
        var plan = new RotationPlanner().Plan(store.ToState(), Policy with { Emergency = true }, T0.AddHours(1));
        var created = Assert.IsType<StoreAnchorStep>(plan.Steps[0]).Anchor.Key!;
        Assert.Contains("PRIVATE KEY", created.ExportPkcs8Pem());
        plan.Dispose();
        Assert.Throws<ObjectDisposedException>(() => created.ExportPkcs8Pem());
        Assert.Contains("PRIVATE KEY", stored.ExportPkcs8Pem());
    }

    [Fact]
    public void The_planner_uses_the_key_generator_and_the_factory_it_was_given()
    {
        var generated = new List<SigningKey>();
        var planner = new RotationPlanner(algorithm =>
        {
            var key = SigningKey.Generate(algorithm);
            generated.Add(key);
            return key;
        }, new Trust.Certificates.CertificateFactory(serial => serial.Fill(0x42)));
        using var plan = planner.Plan(new RotationStore().ToState(), Policy, T0);
        var anchor = Assert.IsType<StoreAnchorStep>(plan.Steps[0]).Anchor;
        var issuer = Assert.Single(plan.Steps.OfType<WriteIssuerStep>()).Issuer;
        Assert.Equal(2, generated.Count);
        Assert.Same(generated[0], anchor.Key);
        Assert.Same(generated[1], issuer.Key);
        Assert.Equal(string.Concat(Enumerable.Repeat("42", 16)), anchor.Certificate.SerialHex);
        Assert.Equal(string.Concat(Enumerable.Repeat("42", 16)), issuer.Certificate.SerialHex);
    }

    [Fact]
    public void The_timeline_of_a_stable_state_shows_the_anchor_and_issuer_windows_and_the_coming_changes_in_order()
    {
        var store = Stable();
        var now = T0.AddHours(1);
        var timeline = RotationTimeline.Of(store.ToState(), Policy, now);
        Assert.Equal(now, timeline.Now);
        var anchor = store.Current!.Certificate;
        var issuer = store.Home.Issuer!.Certificate;
        var rotationStart = Policy.AnchorRenewal.RenewalTime(anchor);
        var renewal = Policy.IssuerRenewal.RenewalTime(issuer);
        Assert.Equal(
            [
                new TimelineWindow("current anchor", null, anchor.Subject, anchor.Fingerprint, anchor.NotBefore, anchor.NotAfter, rotationStart),
                new TimelineWindow("issuer", null, issuer.Subject, issuer.Fingerprint, issuer.NotBefore, issuer.NotAfter, renewal),
            ],
            timeline.Windows);
        Assert.Equal(
            [
                new TimelineMilestone(renewal, "issuer renewal", null, false),
                new TimelineMilestone(issuer.NotAfter, "issuer expires", null, false),
                new TimelineMilestone(rotationStart, "anchor rotation starts: next one published", null, false),
                new TimelineMilestone(anchor.NotAfter, "current anchor expires", null, false),
            ],
            timeline.Milestones);
    }

    private static RotationStore Stable()
    {
        var store = new RotationStore();
        store.Apply(new RotationPlanner().Plan(store.ToState(), Policy, T0));
        store.RecreatePods(T0);
        store.RestartIdentity(T0);
        return store;
    }
}
