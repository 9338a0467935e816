using Trust.Findings;

namespace Trust.Rotation;

/// <summary>The state is corrupt, not ours, or cannot be repaired safely: nothing is written.</summary>
/// <param name="Finding">What is wrong and what would fix it.</param>
public sealed record StopStep(Finding Finding) : RotationStep
{
    /// <inheritdoc />
    public override bool IsWrite => false;

    /// <inheritdoc />
    public override string ToString() => $"stop: {Finding}";
}
