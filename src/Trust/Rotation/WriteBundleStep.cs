using Trust.Bundles;

namespace Trust.Rotation;

/// <summary>Write a cluster's trust bundle.</summary>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="Bundle">The whole new bundle.</param>
/// <param name="Added">Fingerprints of anchors the bundle gains.</param>
/// <param name="Removed">Fingerprints of anchors the bundle loses.</param>
public sealed record WriteBundleStep(string Cluster, TrustBundle Bundle, IReadOnlyList<string> Added, IReadOnlyList<string> Removed) : RotationStep
{
    /// <inheritdoc />
    public override bool IsWrite => true;

    /// <summary>The bundle text as Linkerd and trust-manager write it (sorted, LF, one trailing newline).</summary>
    public string Pem => Bundle.ToPem();

    /// <inheritdoc />
    public override string ToString() =>
        $"write the trust bundle of {Cluster}: {Bundle.Count} anchor(s), {Added.Count} added, {Removed.Count} removed";
}
