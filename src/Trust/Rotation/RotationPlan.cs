using Trust.Findings;
using Trust.Keys;

namespace Trust.Rotation;

/// <summary>
/// What one run should do: the phase found, the phase the writes lead to, the steps in order, and findings to report.
/// An empty plan (no writes) means the state is good for now. The plan owns the keys it created (new anchors and
/// issuers): dispose it once the steps are carried out or dropped.
/// </summary>
public sealed class RotationPlan : IDisposable
{
    private readonly IReadOnlyList<SigningKey> _createdKeys;

    internal RotationPlan(RotationPhase phase, RotationPhase phaseAfter, IReadOnlyList<RotationStep> steps,
        IReadOnlyList<Finding> findings, bool anchorExpiryAtRisk, bool emergencyBlocked, IReadOnlyList<SigningKey> createdKeys)
    {
        Phase = phase;
        PhaseAfter = phaseAfter;
        Steps = steps;
        Findings = findings;
        AnchorExpiryAtRisk = anchorExpiryAtRisk;
        EmergencyBlocked = emergencyBlocked;
        _createdKeys = createdKeys;
    }

    /// <summary>The phase derived from the observed state.</summary>
    public RotationPhase Phase { get; }

    /// <summary>The phase once every write succeeded (equal to <see cref="Phase"/> when nothing advances).</summary>
    public RotationPhase PhaseAfter { get; }

    /// <summary>Every step: the writes in the order to carry them out, then the waits; or only stops.</summary>
    public IReadOnlyList<RotationStep> Steps { get; }

    /// <summary>Warnings and errors to report whatever is written (a stalled rotation, a pause, an expired anchor).</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>True when the retiring anchor will expire before the rotation can finish at this pace: alert on it.</summary>
    public bool AnchorExpiryAtRisk { get; }

    /// <summary>True when an emergency rotation was asked for (<see cref="RotationPolicy.Emergency"/>) and the pause
    /// holds it back: the anchor the operator wants gone stays in use. Not a good state: report it as a failure.</summary>
    public bool EmergencyBlocked { get; }

    /// <summary>The steps that change objects, in order.</summary>
    public IEnumerable<RotationStep> Writes => Steps.Where(s => s.IsWrite);

    /// <summary>The gates that hold the rotation back.</summary>
    public IEnumerable<WaitStep> Waits => Steps.OfType<WaitStep>();

    /// <summary>True when there is something to write.</summary>
    public bool HasWrites => Steps.Any(s => s.IsWrite);

    /// <summary>True when the state cannot be handled: the plan holds only <see cref="StopStep"/>s and writes nothing.</summary>
    public bool IsStopped => Steps.Any(s => s is StopStep);

    /// <summary>Disposes the keys this plan created (anchors and issuers it made); keys read from the state are the caller's.</summary>
    public void Dispose()
    {
        foreach (var key in _createdKeys) key.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"rotation plan: {Phase} -> {PhaseAfter}, {Steps.Count(s => s.IsWrite)} write(s), {Steps.Count(s => !s.IsWrite)} other step(s)";
}
