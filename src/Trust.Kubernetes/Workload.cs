using Trust.Kubernetes.Wire;

namespace Trust.Kubernetes;

/// <summary>What runs a pod: a Deployment, StatefulSet, DaemonSet, another controller, or the bare pod itself.</summary>
/// <param name="Kind">The owner's kind (<c>Deployment</c> for pods of a Deployment's ReplicaSet; <c>Pod</c> for a bare pod).</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The owner's name.</param>
public sealed record Workload(string Kind, string Namespace, string Name)
{
    /// <summary>True when the job can roll out a restart of it (Deployments, StatefulSets and DaemonSets).</summary>
    public bool CanRestart => Kind is "Deployment" or "StatefulSet" or "DaemonSet";

    /// <summary><c>namespace/name</c>, with the kind when it is not a Deployment.</summary>
    public override string ToString() => Kind == "Deployment" ? $"{Namespace}/{Name}" : $"{Namespace}/{Kind.ToLowerInvariant()}/{Name}";

    /// <summary>The controller of a pod, seen through a Deployment's ReplicaSet (named after the template hash).</summary>
    internal static Workload Of(Pod pod)
    {
        var meta = pod.Metadata ?? new ObjectMeta();
        var ns = meta.Namespace ?? "";
        var owner = meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? meta.OwnerReferences?.FirstOrDefault();
        if (owner is null) return new Workload("Pod", ns, meta.Name ?? "");
        if (owner.Kind == "ReplicaSet" && meta.Labels?.TryGetValue("pod-template-hash", out var hash) == true
            && owner.Name.EndsWith("-" + hash, StringComparison.Ordinal))
            return new Workload("Deployment", ns, owner.Name[..^(hash.Length + 1)]);
        return new Workload(owner.Kind, ns, owner.Name);
    }
}
