namespace Trust.Findings;

/// <summary>What would fix a finding: an action a front end can map to its own command, and the same advice in words.</summary>
/// <param name="Action">The kind of fix.</param>
/// <param name="Advice">The fix in domain words (no command or flag names), for front ends that have no better text.</param>
public sealed record Remedy(RemedyAction Action, string Advice);
