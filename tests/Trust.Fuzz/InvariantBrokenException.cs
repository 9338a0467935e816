namespace Trust.Fuzz;

/// <summary>A reader broke its contract without throwing (for example, a result with neither a value nor a finding).</summary>
public sealed class InvariantBrokenException(string message) : Exception(message);
