namespace Trust.Validation;

/// <summary>All findings of a check run.</summary>
public sealed record CheckReport(IReadOnlyList<CheckFinding> Findings)
{
    /// <summary>True when no fatal or error check failed (warnings are allowed).</summary>
    public bool Passed => Findings.All(f => !f.IsBlocking);

    /// <summary>Failed warnings.</summary>
    public IEnumerable<CheckFinding> Warnings => Findings.Where(f => !f.Passed && f.Severity == CheckSeverity.Warning);
}
