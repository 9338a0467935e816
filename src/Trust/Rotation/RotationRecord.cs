namespace Trust.Rotation;

/// <summary>
/// What the objects cannot say about a rotation, recorded beside them (the rotation job: annotations on the anchor
/// Secret): the phase, the anchors by fingerprint, and the moments the gates count from. Times are whole seconds, UTC.
/// The planner reads it back, trusts its times only when its fingerprints match the stored anchors, and writes a new
/// record after the objects it describes.
/// </summary>
public sealed record RotationRecord
{
    /// <summary>The phase after the run that wrote the record.</summary>
    public required RotationPhase Phase { get; init; }

    /// <summary>The fingerprint of the current anchor (lowercase hex).</summary>
    public required string AnchorFingerprint { get; init; }

    /// <summary>The fingerprint of the next anchor during Publish.</summary>
    public string? NextFingerprint { get; init; }

    /// <summary>The fingerprint of the previous anchor during Switch and Drop.</summary>
    public string? PreviousFingerprint { get; init; }

    /// <summary>When a run first saw the new anchor in every bundle (at or after every bundle write).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>When a run first saw every issuer signed by the new anchor (at or after every issuer write).</summary>
    public DateTimeOffset? SwitchedAt { get; init; }

    /// <summary>When the run that took the retired anchor out of every bundle ran (at or after every bundle write); kept
    /// while the anchor it left stays current, so that a front end can restart, once, the workloads that still trust
    /// the retired anchor after an emergency.</summary>
    public DateTimeOffset? DroppedAt { get; init; }

    /// <summary>True for an emergency rotation (no minimum bundle age); kept in Stable so that the same emergency does
    /// not start another rotation of the anchor it produced.</summary>
    public bool Emergency { get; init; }

    /// <summary>The fingerprint of the anchor the recorded rotation introduces, or null outside a rotation.</summary>
    public string? NewAnchorFingerprint => Phase switch
    {
        RotationPhase.Publish => NextFingerprint,
        RotationPhase.Switch or RotationPhase.Drop => AnchorFingerprint,
        _ => null,
    };
}
