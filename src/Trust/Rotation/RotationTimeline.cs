using Trust.Certificates;

namespace Trust.Rotation;

/// <summary>A certificate's validity on a <see cref="RotationTimeline"/>.</summary>
/// <param name="Label">What it is: <c>current anchor</c>, <c>next anchor</c>, <c>previous anchor</c>, <c>issuer</c>.</param>
/// <param name="Cluster">The cluster of an issuer; null for anchors.</param>
/// <param name="Subject">The certificate's subject.</param>
/// <param name="Fingerprint">SHA-256, lowercase hex.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="RenewAt">When the policy renews it (issuers) or starts its rotation (the current anchor); null otherwise.</param>
public sealed record TimelineWindow(string Label, string? Cluster, string Subject, string Fingerprint, DateTimeOffset NotBefore,
    DateTimeOffset NotAfter, DateTimeOffset? RenewAt);

/// <summary>A coming change on a <see cref="RotationTimeline"/>.</summary>
/// <param name="At">When; a moment at or before now means "due".</param>
/// <param name="Label">What happens, in words.</param>
/// <param name="Cluster">The cluster concerned; null for the rotation as a whole.</param>
/// <param name="Earliest">True when the moment is only the earliest possible (other gates may hold it back).</param>
public sealed record TimelineMilestone(DateTimeOffset At, string Label, string? Cluster, bool Earliest);

/// <summary>
/// The validity windows of the anchors and issuers and the dates of the coming changes (issuer renewals, the start of
/// the next anchor rotation, the earliest switch and drop, expiries), computed from an observed state and a policy:
/// the picture a person reads before and after a run.
/// </summary>
public sealed class RotationTimeline
{
    private RotationTimeline(DateTimeOffset now, IReadOnlyList<TimelineWindow> windows, IReadOnlyList<TimelineMilestone> milestones)
    {
        Now = now;
        Windows = windows;
        Milestones = milestones;
    }

    /// <summary>The moment the timeline was drawn for.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Anchors (current, next, previous) then issuers per cluster.</summary>
    public IReadOnlyList<TimelineWindow> Windows { get; }

    /// <summary>Coming changes, earliest first.</summary>
    public IReadOnlyList<TimelineMilestone> Milestones { get; }

    /// <summary>Draws the timeline of a state.</summary>
    /// <param name="state">What the objects say.</param>
    /// <param name="policy">Renewal windows and gates.</param>
    /// <param name="now">The moment of the observation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> or <paramref name="policy"/> is null.</exception>
    public static RotationTimeline Of(RotationState state, RotationPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        var windows = new List<TimelineWindow>();
        var milestones = new List<TimelineMilestone>();
        var record = state.Record;

        void Anchor(StoredAnchor? anchor, string label, DateTimeOffset? renewAt)
        {
            if (anchor is null) return;
            windows.Add(Window(anchor.Certificate, label, null, renewAt));
            milestones.Add(new TimelineMilestone(anchor.Certificate.NotAfter, $"{label} expires", null, false));
        }

        var stable = state.Next is null && state.Previous is null;
        var rotationStart = state.Current is { } current && stable
            ? policy.AnchorRenewal.RenewalTime(current.Certificate)
            : (DateTimeOffset?)null;
        Anchor(state.Current, "current anchor", rotationStart);
        Anchor(state.Next, "next anchor", null);
        Anchor(state.Previous, "previous anchor", null);
        if (rotationStart is { } start)
            milestones.Add(new TimelineMilestone(start, state.Paused ? "anchor rotation starts (paused)" : "anchor rotation starts: next one published", null, false));

        if (state.Next is { } next)
        {
            var published = record is { Phase: RotationPhase.Publish, PublishedAt: { } p } && record.NextFingerprint == next.Fingerprint ? p : (DateTimeOffset?)null;
            var minAge = record?.Emergency == true || policy.Emergency ? TimeSpan.Zero : policy.MinBundleAge;
            milestones.Add(new TimelineMilestone(published is { } at ? at + minAge : now,
                published is null ? "switch to the next anchor, once its publication is confirmed" : "earliest switch to the next anchor", null, true));
        }
        if (state.Previous is { } previous)
        {
            var switched = record is { SwitchedAt: { } s } && record.PreviousFingerprint == previous.Fingerprint ? s : (DateTimeOffset?)null;
            milestones.Add(new TimelineMilestone(switched is { } at ? at + policy.DrainTime : now,
                switched is null ? "drop of the previous anchor, once the switch is confirmed" : "earliest drop of the previous anchor", null, true));
        }

        foreach (var cluster in state.Clusters)
        {
            if (cluster.Issuer is not { } issuer) continue;
            var name = state.Clusters.Count > 1 ? cluster.Name : null;
            var renew = policy.IssuerRenewal.RenewalTime(issuer.Certificate);
            windows.Add(Window(issuer.Certificate, "issuer", name, renew));
            milestones.Add(new TimelineMilestone(renew, "issuer renewal", name, false));
            milestones.Add(new TimelineMilestone(issuer.Certificate.NotAfter, "issuer expires", name, false));
        }
        return new RotationTimeline(now, windows, milestones.OrderBy(m => m.At).ThenBy(m => m.Label, StringComparer.Ordinal).ToList());
    }

    private static TimelineWindow Window(CertificateInfo certificate, string label, string? cluster, DateTimeOffset? renewAt) =>
        new(label, cluster, certificate.Subject, certificate.Fingerprint, certificate.NotBefore, certificate.NotAfter, renewAt);
}
