using Trust.Time;

namespace Trust.Kubernetes;

/// <summary>
/// Rolls out a restart as <c>kubectl rollout restart</c> does: a merge patch setting the pod template's
/// <c>kubectl.kubernetes.io/restartedAt</c> annotation. A workload already restarted since the moment given (a new
/// anchor's publication, an emergency's drop) is left alone, so hourly runs do not restart it again while its rollout
/// is under way.
/// </summary>
internal sealed class WorkloadRestarter(TimeProvider time)
{
    internal const string RestartedAt = "kubectl.kubernetes.io/restartedAt";

    /// <summary>Restarts <paramref name="workload"/> unless it was restarted at or after <paramref name="since"/>; returns
    /// what was done, or null when nothing was (already restarted). <paramref name="purpose"/> ends the message
    /// ("so that its pods …").</summary>
    public async Task<string?> RestartAsync(KubernetesCluster cluster, Workload workload, DateTimeOffset since, string purpose, CancellationToken cancel)
    {
        if (!workload.CanRestart) return $"cannot restart {workload} (a {workload.Kind}): delete its pods so that they {purpose}";
        var kind = workload.Kind switch
        {
            "Deployment" => KubeApi.Deployments,
            "StatefulSet" => KubeApi.StatefulSets,
            _ => KubeApi.DaemonSets,
        };
        var (ns, name) = (workload.Namespace, workload.Name);
        var what = $"{workload.Kind} {ns}/{name}";
        var found = await ApiCalls.GetOrNull(() => cluster.Api.ReadAsync(kind, ns, name, cancel), $"reading {what}").ConfigureAwait(false);
        if (found is null) return null;
        // Only a Deployment can be paused; the field does not exist on the other kinds.
        if (found.Spec?.Paused == true) return $"cannot restart {what}: its rollout is paused";
        if (found.Spec?.Template?.Metadata?.Annotations?.TryGetValue(RestartedAt, out var at) == true && Rfc3339.TryParse(at, out var last) && last >= since)
            return null;

        var now = Rfc3339.Format(time.GetUtcNow());
        var patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RestartedAt + "\":\"" + now + "\"}}}}}";
        await ApiCalls.Call(() => cluster.Api.MergePatchAsync(kind, ns, name, patch, cancel), $"restarting {what}").ConfigureAwait(false);
        return $"restarted {what} so that its pods {purpose}";
    }
}
