namespace Trust.Rotation;

/// <summary>Write the rotation record (after the objects it describes).</summary>
/// <param name="Record">The new record.</param>
public sealed record RecordRotationStep(RotationRecord Record) : RotationStep
{
    /// <inheritdoc />
    public override bool IsWrite => true;

    /// <inheritdoc />
    public override string ToString() => $"record phase {RotationWords.Phase(Record.Phase)}";
}
