using Trust.Findings;

namespace Trust.Validation;

/// <summary>The result of one check.</summary>
/// <param name="Id">Stable identifier, e.g. <c>anchors-validity</c>; ids may be added, never renamed or removed.</param>
/// <param name="Title">What is checked (Linkerd's exact text for the checks it has).</param>
/// <param name="Severity">How bad a failure is.</param>
/// <param name="Passed">True when the check passed.</param>
/// <param name="Message">One line: what was found.</param>
/// <param name="Remedy">What to do about a failure (null when passed), for a front end to render in its own words.</param>
public sealed record CheckFinding(string Id, string Title, CheckSeverity Severity, bool Passed, string Message, Remedy? Remedy)
{
    /// <summary>True when this finding fails the whole check (a failed fatal or error).</summary>
    public bool IsBlocking => !Passed && Severity != CheckSeverity.Warning;
}
