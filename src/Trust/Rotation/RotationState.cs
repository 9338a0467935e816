using Trust.Findings;

namespace Trust.Rotation;

/// <summary>
/// Everything the planner decides from: what the objects say, as read by a front end. Nothing here is trusted blindly:
/// the phase is derived from the anchors, bundles and issuers, and the <see cref="Record"/> only adds the times that
/// objects cannot hold.
/// </summary>
public sealed record RotationState
{
    /// <summary>The anchor in <see cref="AnchorSlot.Current"/>; null when that slot is empty.</summary>
    public StoredAnchor? Current { get; init; }

    /// <summary>The anchor in <see cref="AnchorSlot.Next"/>; null when that slot is empty.</summary>
    public StoredAnchor? Next { get; init; }

    /// <summary>The anchor in <see cref="AnchorSlot.Previous"/>; null when that slot is empty.</summary>
    public StoredAnchor? Previous { get; init; }

    /// <summary>The rotation record last written; null when there is none (or it could not be read).</summary>
    public RotationRecord? Record { get; init; }

    /// <summary>True when an operator paused rotation: no phase changes; issuers are still renewed under their anchor
    /// and expired anchors still leave the bundles.</summary>
    public bool Paused { get; init; }

    /// <summary>The clusters that share the anchor; the first is the home cluster, where the anchor slots live. At least one.</summary>
    public required IReadOnlyList<ClusterState> Clusters { get; init; }

    /// <summary>Problems found while reading the anchor slots or the record (garbage PEM, a key that does not match its
    /// certificate). Any problem stops the plan.</summary>
    public IReadOnlyList<Finding> Problems { get; init; } = [];
}
