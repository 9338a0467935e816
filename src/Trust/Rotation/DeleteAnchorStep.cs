namespace Trust.Rotation;

/// <summary>Empty an anchor slot, which must still hold the anchor with <paramref name="Fingerprint"/>.</summary>
/// <param name="Slot">The slot to empty.</param>
/// <param name="Fingerprint">The fingerprint of the anchor it holds (a front end deletes only if it still does).</param>
public sealed record DeleteAnchorStep(AnchorSlot Slot, string Fingerprint) : RotationStep
{
    /// <inheritdoc />
    public override bool IsWrite => true;

    /// <inheritdoc />
    public override string ToString() => $"remove the {Slot.ToString().ToLowerInvariant()} anchor (sha256 {Fingerprint[..Math.Min(16, Fingerprint.Length)]}…)";
}
