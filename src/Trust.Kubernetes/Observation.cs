using k8s.Models;
using Trust.Findings;
using Trust.Rotation;

namespace Trust.Kubernetes;

/// <summary>One read of every cluster: the planner's <see cref="RotationState"/> and the objects it came from (their
/// resourceVersions make every write conditional).</summary>
internal sealed class Observation
{
    public required RotationState State { get; init; }

    public required IReadOnlyDictionary<AnchorSlot, V1Secret?> AnchorSecrets { get; init; }

    public required IReadOnlyList<ClusterObjects> Clusters { get; init; }

    public ClusterObjects Cluster(string name) => Clusters.First(c => c.Cluster.Name == name);
}

/// <summary>What was read in one cluster.</summary>
internal sealed class ClusterObjects
{
    public required KubernetesCluster Cluster { get; init; }

    public V1Secret? Issuer { get; init; }

    public V1ConfigMap? Bundle { get; init; }

    public required PodSurvey Pods { get; init; }

    /// <summary>The controllers of the running identity pods.</summary>
    public IReadOnlyList<Workload> IdentityOwners { get; init; } = [];

    /// <summary>Findings that do not stop a run (an issuer Secret not quite in cert-manager's layout).</summary>
    public IReadOnlyList<Finding> Notes { get; init; } = [];
}
