namespace Trust.Rotation;

/// <summary>A gate that holds the rotation back in this run; nothing to write for it.</summary>
/// <param name="Reason">Which gate.</param>
/// <param name="Message">One line in domain words, e.g. <c>12 meshed pods do not trust the new anchor yet</c>.</param>
public sealed record WaitStep(RotationWaitReason Reason, string Message) : RotationStep
{
    /// <inheritdoc />
    public override bool IsWrite => false;

    /// <summary>The cluster the gate concerns; null when it concerns the rotation as a whole.</summary>
    public string? Cluster { get; init; }

    /// <summary>When the gate opens by time alone; null when it waits for something else to happen.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>How many pods the gate waits for (for <see cref="RotationWaitReason.PodsLackNewAnchor"/>).</summary>
    public int Pods { get; init; }

    /// <summary>Owners (<c>namespace/workload</c>) of the pods the gate waits for.</summary>
    public IReadOnlyList<string> Workloads { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Cluster is null ? $"wait: {Message}" : $"wait ({Cluster}): {Message}";
}
