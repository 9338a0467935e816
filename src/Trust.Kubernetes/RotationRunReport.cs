using Trust.Findings;
using Trust.Rotation;

namespace Trust.Kubernetes;

/// <summary>How a run ended.</summary>
public enum RotationOutcome
{
    /// <summary>The clusters are in a good state (a rotation may be waiting on a gate; that is expected).</summary>
    Good,

    /// <summary>The retiring anchor will expire before the rotation can finish at this pace: alert on it.</summary>
    AtRisk,

    /// <summary>The state is corrupt, foreign-owned or cannot be repaired safely; nothing was written.</summary>
    Stopped,

    /// <summary>Another run holds the Lease; nothing was written.</summary>
    Busy,

    /// <summary>The run took every round it may take and still had writes to make.</summary>
    Unsettled,

    /// <summary>An API call failed after its retries; the run stopped at that write.</summary>
    Failed,

    /// <summary>An emergency rotation was asked for, but rotation is paused: the anchor stays in use. Other writes
    /// (issuer renewals) were made.</summary>
    Blocked,
}

/// <summary>One cluster as the last read of a run saw it.</summary>
/// <param name="Name">The cluster's name.</param>
/// <param name="MeshedPods">Running meshed pods.</param>
/// <param name="PodsDifferingFromBundle">Running meshed pods whose proxies' anchors differ from the bundle text
/// (what <c>linkerd check --proxy</c> warns about).</param>
/// <param name="WorkloadsDifferingFromBundle">Their owners (at most 20).</param>
/// <param name="IdentityStartedAt">When the identity controller started; null when none runs.</param>
/// <param name="Notes">Findings that did not stop the run (an issuer Secret not quite in cert-manager's layout).</param>
public sealed record ClusterSummary(string Name, int MeshedPods, int PodsDifferingFromBundle, IReadOnlyList<string> WorkloadsDifferingFromBundle,
    DateTimeOffset? IdentityStartedAt, IReadOnlyList<Finding> Notes);

/// <summary>What a run of the rotation job saw, did and waits for.</summary>
public sealed class RotationRunReport
{
    /// <summary>How the run ended.</summary>
    public RotationOutcome Outcome { get; internal set; }

    /// <summary>True for a dry run (nothing written; <see cref="Actions"/> are the planned writes).</summary>
    public bool DryRun { get; internal init; }

    /// <summary>The phase found by the first read; <see cref="RotationPhase.Unknown"/> when nothing could be read.</summary>
    public RotationPhase PhaseBefore { get; internal set; }

    /// <summary>The phase after the run (from the last read, or the plan of a dry run).</summary>
    public RotationPhase PhaseAfter { get; internal set; }

    /// <summary>Writes and restarts done (or planned, in a dry run), in order.</summary>
    public IReadOnlyList<RotationAction> Actions => _actions;

    /// <summary>The gates that hold the rotation back now.</summary>
    public IReadOnlyList<WaitStep> Waits { get; internal set; } = [];

    /// <summary>Warnings and errors: stops, a stalled or paused rotation, an expired anchor.</summary>
    public IReadOnlyList<Finding> Findings { get; internal set; } = [];

    /// <summary>True when the retiring anchor will expire before the rotation can finish.</summary>
    public bool AnchorExpiryAtRisk { get; internal set; }

    /// <summary>True when an emergency rotation was asked for and the pause holds it back.</summary>
    public bool EmergencyBlocked { get; internal set; }

    /// <summary>True when the anchor Secret says rotation is paused.</summary>
    public bool Paused { get; internal set; }

    /// <summary>Every cluster, home first.</summary>
    public IReadOnlyList<ClusterSummary> Clusters { get; internal set; } = [];

    /// <summary>Validity windows and coming changes; null when nothing could be read.</summary>
    public RotationTimeline? Timeline { get; internal set; }

    /// <summary>Read-plan-write rounds taken.</summary>
    public int Rounds { get; internal set; }

    /// <summary>HTTP requests sent to every cluster (retries included), when the clients count them.</summary>
    public long Requests { get; internal set; }

    /// <summary>Who holds the Lease, when <see cref="Outcome"/> is <see cref="RotationOutcome.Busy"/>.</summary>
    public string? LeaseHolder { get; internal set; }

    /// <summary>Until when the Lease is held, when <see cref="Outcome"/> is <see cref="RotationOutcome.Busy"/>.</summary>
    public DateTimeOffset? LeaseHeldUntil { get; internal set; }

    /// <summary>The failure, when <see cref="Outcome"/> is <see cref="RotationOutcome.Failed"/>: one line.</summary>
    public string? Error { get; internal set; }

    /// <summary>Problems that did not change the outcome (Events that could not be written, a Lease not released).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    internal readonly List<RotationAction> _actions = [];
    internal readonly List<string> _warnings = [];

    /// <summary>True when the outcome is <see cref="RotationOutcome.Good"/>.</summary>
    public bool IsGood => Outcome == RotationOutcome.Good;
}
