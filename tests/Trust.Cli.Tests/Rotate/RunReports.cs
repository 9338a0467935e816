using Trust.Findings;
using Trust.Kubernetes;
using Trust.Rotation;

namespace Trust.Cli.Tests.Rotate;

/// <summary>
/// Run reports built directly (their setters are internal to Trust.Kubernetes, visible here), with certificates of
/// exact validity, so that the rendering of every outcome can be checked without an API server.
/// </summary>
internal static class RunReports
{
    public static readonly DateTimeOffset Now = TestClock.Epoch;

    /// <summary>Valid 365 days, 200 gone: its rotation starts in 43d 8h, it expires in 165d.</summary>
    public static readonly Lazy<Issued> Current = new(() =>
        Pki.Odd(null, "root.linkerd.cluster.local", notBefore: Now.AddDays(-200), notAfter: Now.AddDays(165), pathLength: 1));

    /// <summary>Created two days ago, valid 365 days.</summary>
    public static readonly Lazy<Issued> Next = new(() =>
        Pki.Odd(null, "root.linkerd.cluster.local", notBefore: Now.AddDays(-2), notAfter: Now.AddDays(363), pathLength: 1));

    /// <summary>48h, 20 gone: renewal in 12h, expiry in 1d 4h.</summary>
    public static readonly Lazy<Issued> Issuer = new(() =>
        Pki.Odd(Current.Value, "identity.linkerd.cluster.local", notBefore: Now.AddHours(-20), notAfter: Now.AddHours(28)));

    public static RotationJobOptions Names => new() { AnchorNamespace = "linkerd" };

    public static StoredAnchor Stored(Issued anchor) => new(anchor.Certificate, anchor.Key);

    /// <summary>One anchor, its issuer, one cluster: phase Stable.</summary>
    public static RotationTimeline StableTimeline(string cluster = "home") => RotationTimeline.Of(new RotationState
    {
        Current = Stored(Current.Value),
        Clusters = [new ClusterState { Name = cluster, Issuer = new StoredIssuer([Issuer.Value.Certificate], Issuer.Value.Key) }],
    }, new RotationPolicy(), Now);

    /// <summary>The next anchor published 6h ago (the earliest switch is in 18h), issuers in two clusters.</summary>
    public static RotationTimeline PublishTimeline() => RotationTimeline.Of(new RotationState
    {
        Current = Stored(Current.Value),
        Next = Stored(Next.Value),
        Record = new RotationRecord
        {
            Phase = RotationPhase.Publish, AnchorFingerprint = Current.Value.Certificate.Fingerprint,
            NextFingerprint = Next.Value.Certificate.Fingerprint, PublishedAt = Now.AddHours(-6),
        },
        Clusters =
        [
            new ClusterState { Name = "east", Issuer = new StoredIssuer([Issuer.Value.Certificate], Issuer.Value.Key) },
            new ClusterState { Name = "west", Issuer = new StoredIssuer([Issuer.Value.Certificate], Issuer.Value.Key) },
        ],
    }, new RotationPolicy(), Now);

    /// <summary>A good run that renewed the issuer.</summary>
    public static RotationRunReport Good()
    {
        var report = new RotationRunReport
        {
            Outcome = RotationOutcome.Good, PhaseBefore = RotationPhase.Stable, PhaseAfter = RotationPhase.Stable,
            Rounds = 2, Requests = 9, Timeline = StableTimeline(),
            Clusters = [new ClusterSummary("home", 120, 0, [], Now.AddDays(-3), [])],
        };
        report._actions.Add(new RotationAction("write-issuer", "home", "Secret linkerd/linkerd-identity-issuer",
            "write a new issuer in home (renewal due), valid until 2026-11-23T12:00:00Z, signed by anchor sha256 0123456789abcdef…", Now));
        report._actions.Add(new RotationAction("record", "home", "Secret linkerd/linkerd-trust-anchor", "record phase stable", Now));
        return report;
    }

    /// <summary>A dry run in Publish that waits for pods and the bundle's age, in two clusters.</summary>
    public static RotationRunReport PublishDryRun()
    {
        var report = new RotationRunReport
        {
            DryRun = true, Outcome = RotationOutcome.Good, PhaseBefore = RotationPhase.Publish, PhaseAfter = RotationPhase.Publish,
            Rounds = 1, Requests = 14, Timeline = PublishTimeline(),
            Waits =
            [
                new WaitStep(RotationWaitReason.BundleTooYoung, "the bundle with the new anchor was published 6h ago; the minimum is 24h") { Until = Now.AddHours(18) },
                new WaitStep(RotationWaitReason.PodsLackNewAnchor, "3 meshed pods do not trust the new anchor yet")
                {
                    Cluster = "west", Pods = 3, Workloads = ["shop/web", "shop/statefulset/db"],
                },
            ],
            Clusters =
            [
                new ClusterSummary("east", 40, 0, [], Now.AddHours(-5), []),
                new ClusterSummary("west", 12, 3, ["shop/web", "shop/statefulset/db"], null,
                    [new Finding(FindingIds.TlsSecretLayout, "has no ca.crt") { Source = "Secret linkerd/linkerd-identity-issuer in west" }]),
            ],
        };
        report._actions.Add(new RotationAction("write-issuer", "west", "Secret linkerd/linkerd-identity-issuer", "write a new issuer in west (renewal due)", Now));
        return report;
    }

    public static RotationRunReport Busy() => new()
    {
        Outcome = RotationOutcome.Busy, LeaseHolder = "trust-rotate-29411-x7k2p", LeaseHeldUntil = Now.AddMinutes(4),
    };

    public static RotationRunReport Failed()
    {
        var report = new RotationRunReport
        {
            Outcome = RotationOutcome.Failed, PhaseBefore = RotationPhase.Stable, PhaseAfter = RotationPhase.Stable, Rounds = 1, Requests = 7,
            Error = "writing Secret linkerd/linkerd-identity-issuer: secrets \"linkerd-identity-issuer\" is forbidden: User \"system:serviceaccount:linkerd:trust-rotate\" cannot update resource \"secrets\" in API group \"\" in the namespace \"linkerd\" (HTTP 403)",
            Timeline = StableTimeline(),
        };
        report._warnings.Add("the Lease linkerd/trust-rotate could not be released; it expires by itself");
        return report;
    }

    public static RotationRunReport Stopped() => new()
    {
        Outcome = RotationOutcome.Stopped, PhaseBefore = RotationPhase.Unknown, PhaseAfter = RotationPhase.Unknown, Rounds = 1, Requests = 6,
        Findings =
        [
            new Finding(FindingIds.IssuerOwnedElsewhere, "the issuer is owned by cert-manager Certificate linkerd/linkerd-identity-issuer",
                new Remedy(RemedyAction.TakeOverIssuer, "leave the issuer to its owner, or remove that owner, or take the issuer over explicitly"))
            { Source = "home" },
        ],
        Timeline = StableTimeline(),
    };

    public static RotationRunReport Paused() => new()
    {
        Outcome = RotationOutcome.Good, PhaseBefore = RotationPhase.Stable, PhaseAfter = RotationPhase.Stable, Paused = true, Rounds = 1, Requests = 6,
        Findings =
        [
            new Finding(FindingIds.RotationPaused, "the anchor is due for rotation since 2026-11-01T00:00:00Z and rotation is paused",
                new Remedy(RemedyAction.ResumeRotation, "resume rotation once the reason for the pause is gone")),
        ],
        Waits = [new WaitStep(RotationWaitReason.Paused, "the anchor is due for rotation since 2026-11-01T00:00:00Z and rotation is paused")],
    };

    /// <summary>Long object names, workloads and messages everywhere (no single word is longer than a line).</summary>
    public static RotationRunReport LongNames()
    {
        var workloads = Enumerable.Range(0, 20).Select(i => $"payments-eu-west-{i}/deployment-with-a-rather-long-name-{i}").ToList();
        var report = new RotationRunReport
        {
            Outcome = RotationOutcome.AtRisk, DryRun = true, Paused = true, AnchorExpiryAtRisk = true,
            PhaseBefore = RotationPhase.Publish, PhaseAfter = RotationPhase.Publish, Rounds = 6, Requests = 12345,
            Error = "writing ConfigMap linkerd/linkerd-identity-trust-roots in gke_project-123456_europe-west1_production: the server was too busy (HTTP 429)",
            Timeline = PublishTimeline(),
            Waits =
            [
                new WaitStep(RotationWaitReason.PodsLackNewAnchor, $"{workloads.Count * 500} meshed pod(s) do not trust the new anchor yet ({string.Join(", ", workloads)})")
                { Cluster = "gke_project-123456_europe-west1_production", Pods = workloads.Count * 500, Workloads = workloads },
            ],
            Findings =
            [
                new Finding(FindingIds.RotationPaused, "rotation is paused in the publish phase", new Remedy(RemedyAction.ResumeRotation, "resume rotation once the reason for the pause is gone")),
                new Finding(FindingIds.AnchorKeyMissing, "the next anchor 'root.linkerd.cluster.local' is stored without its key",
                    new Remedy(RemedyAction.RestoreAnchor, "restore the anchor with its key from the backup")),
                new Finding(FindingIds.KeyMismatch, "the identity issuer's key does not belong to its certificate 'identity.linkerd.cluster.local'",
                    new Remedy(RemedyAction.ProvideMatchingKey, "store the issuer's own key, or remove the issuer so a new one is issued")),
            ],
            Clusters = [new ClusterSummary("gke_project-123456_europe-west1_production", 10_000, 10_000, workloads, Now, [])],
        };
        report._actions.Add(new RotationAction("write-issuer", "gke_project-123456_europe-west1_production", "Secret linkerd/linkerd-identity-issuer",
            "write a new issuer in gke_project-123456_europe-west1_production (renewal due), valid until 2026-11-23T12:00:00Z, signed by anchor sha256 0123456789abcdef…", Now));
        report._actions.Add(new RotationAction("restart", "gke_project-123456_europe-west1_production", "payments-eu-west-1/deployment-with-a-rather-long-name-1",
            "restarted Deployment payments-eu-west-1/deployment-with-a-rather-long-name-1 so that its pods pick up the new trust anchor", Now));
        report._warnings.Add("writing an Event about Secret trust-system/linkerd-trust-anchor: events.events.k8s.io is forbidden (HTTP 403)");
        return report;
    }

    public static RotationRunReport AtRisk() => new()
    {
        Outcome = RotationOutcome.AtRisk, AnchorExpiryAtRisk = true, PhaseBefore = RotationPhase.Publish, PhaseAfter = RotationPhase.Publish,
        Rounds = 1, Requests = 8,
        Findings =
        [
            new Finding(FindingIds.RotationStalled, "the anchor 'root.linkerd.cluster.local' expires at 2026-11-23T00:00:00Z, in 36h, but the rotation still needs 73h0m20s after the switch; waiting for: 3 meshed pods do not trust the new anchor yet",
                new Remedy(RemedyAction.RestartWorkloads, "restart the identity controller and the meshed workloads that do not trust the new anchor")),
        ],
    };
}
