namespace Trust.Findings;

/// <summary>
/// A problem found in input or material, in domain terms: a stable <see cref="Id"/> (safe to match on, listed in
/// <see cref="FindingIds"/>), a one-line <see cref="Message"/>, where it was found, and what to do about it as a
/// structured <see cref="Remedy"/>. Front ends (the CLI, the rotation job's Events) render the remedy in their own words.
/// </summary>
/// <param name="Id">Stable identifier, e.g. <c>key-password-required</c>.</param>
/// <param name="Message">One line: what is wrong, without the source prefix.</param>
/// <param name="Remedy">What would fix it, when known.</param>
public sealed record Finding(string Id, string Message, Remedy? Remedy = null)
{
    /// <summary>Where the problem is (a file name, a Secret key, "trust anchors"); null when not tied to one input.</summary>
    public string? Source { get; init; }

    /// <summary>The message with its source: <c>source: message</c>.</summary>
    public override string ToString() => Source is null ? Message : $"{Source}: {Message}";
}
