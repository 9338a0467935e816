namespace Trust.Rotation;

/// <summary>
/// One step of a <see cref="RotationPlan"/>. Writes come in the order they must be carried out (a key is stored before
/// any published object refers to its anchor; a bundle is written before the issuer that needs it; the record comes
/// after the objects it describes); stop at the first write that fails, then read the state again and plan again.
/// Waits and stops write nothing.
/// </summary>
public abstract record RotationStep
{
    private protected RotationStep() { }

    /// <summary>True when the step changes an object.</summary>
    public abstract bool IsWrite { get; }
}
