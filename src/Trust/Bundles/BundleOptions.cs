namespace Trust.Bundles;

/// <summary>Filters applied when building a bundle. Filters are predicates; identity stays SHA-256 of the DER.</summary>
public sealed record BundleOptions
{
    /// <summary>When set, certificates whose NotAfter is before this time are dropped.</summary>
    public DateTimeOffset? DropExpiredAt { get; init; }

    /// <summary>Drop certificates that are not CAs (basicConstraints CA:TRUE).</summary>
    public bool CaOnly { get; init; }
}
