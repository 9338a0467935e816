using Trust.Validation;

namespace Trust.Identity;

/// <summary>The outcome of <see cref="IdentitySet.Create(IdentitySetOptions, DateTimeOffset)"/>: the set when it passed its checks, and the report either way.</summary>
/// <param name="Set">The new set, or null when the checks failed (nothing usable was made).</param>
/// <param name="Report">Every identity check, as run on the new set.</param>
public sealed record IdentitySetResult(IdentitySet? Set, CheckReport Report)
{
    /// <summary>True when the set passed its checks and is returned.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Set))]
    public bool Passed => Set is not null;
}
