namespace Trust.Rotation;

/// <summary>
/// Running meshed pods that trust the same set of anchors (the anchors of their proxies'
/// <c>LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS</c>), reduced so that ten thousand pods become a handful of groups.
/// Pods whose anchors cannot be read form a group with no fingerprint (they trust nothing the planner can rely on).
/// </summary>
/// <param name="AnchorFingerprints">SHA-256 fingerprints (lowercase hex) of the anchors these pods trust.</param>
/// <param name="Pods">How many running pods are in the group.</param>
/// <param name="Workloads">Some of their owners as <c>namespace/workload</c>, for reports (a reader may cap the list).</param>
public sealed record MeshedPodGroup(IReadOnlySet<string> AnchorFingerprints, int Pods, IReadOnlyList<string> Workloads)
{
    /// <summary>True when these pods trust the anchor with <paramref name="fingerprint"/> (lowercase hex).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fingerprint"/> is null.</exception>
    public bool Trusts(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return AnchorFingerprints.Contains(fingerprint);
    }
}
