using Trust.Bundles;
using Trust.Findings;

namespace Trust.Rotation;

/// <summary>
/// What one cluster's objects say, as a front end read them: the trust bundle, the identity issuer, the trust of its
/// running meshed pods, and when its identity controller started. Several clusters share one anchor (multicluster).
/// </summary>
public sealed record ClusterState
{
    /// <summary>A name for the cluster in steps and reports (the rotation job uses the kubeconfig context).</summary>
    public required string Name { get; init; }

    /// <summary>The trust bundle (<c>ca-bundle.crt</c>); null when it does not exist.</summary>
    public TrustBundle? Bundle { get; init; }

    /// <summary>The identity issuer; null when it does not exist.</summary>
    public StoredIssuer? Issuer { get; init; }

    /// <summary>Running meshed pods grouped by the anchors they trust (pods that are not running are left out).</summary>
    public IReadOnlyList<MeshedPodGroup> MeshedPods { get; init; } = [];

    /// <summary>When the oldest running meshed pod started; null when unknown (or there is none). Pods that all started
    /// after a switch hold no workload certificate from the retired anchor, which lets the drop come earlier; an unknown
    /// age never does.</summary>
    public DateTimeOffset? OldestMeshedPodStartedAt { get; init; }

    /// <summary>When the identity controller was created (the oldest replica when there are several; second precision);
    /// null when none was found. It reads the bundle only at start.</summary>
    public DateTimeOffset? IdentityStartedAt { get; init; }

    /// <summary>The name of another controller's live object that owns the issuer (a cert-manager Certificate); null when
    /// nobody else does. The planner stops rather than fight it, unless told to take over.</summary>
    public string? IssuerOwner { get; init; }

    /// <summary>Problems found while reading this cluster's objects (garbage PEM, a key that does not match). Any problem
    /// stops the plan: nothing is written over an object nobody understands.</summary>
    public IReadOnlyList<Finding> Problems { get; init; } = [];
}
