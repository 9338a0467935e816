using k8s;
using k8s.Models;
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
        var apps = cluster.Client.AppsV1;
        var (ns, name) = (workload.Namespace, workload.Name);
        var what = $"{workload.Kind} {ns}/{name}";
        V1PodTemplateSpec? template;
        bool paused = false;
        switch (workload.Kind)
        {
            case "Deployment":
                var d = await ApiCalls.GetOrNull(() => apps.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancel), $"reading {what}").ConfigureAwait(false);
                template = d?.Spec?.Template;
                paused = d?.Spec?.Paused == true;
                if (d is null) return null;
                break;
            case "StatefulSet":
                var s = await ApiCalls.GetOrNull(() => apps.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: cancel), $"reading {what}").ConfigureAwait(false);
                if (s is null) return null;
                template = s.Spec?.Template;
                break;
            default:
                var ds = await ApiCalls.GetOrNull(() => apps.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancel), $"reading {what}").ConfigureAwait(false);
                if (ds is null) return null;
                template = ds.Spec?.Template;
                break;
        }
        if (paused) return $"cannot restart {what}: its rollout is paused";
        if (template?.Metadata?.Annotations?.TryGetValue(RestartedAt, out var at) == true && Rfc3339.TryParse(at, out var last) && last >= since)
            return null;

        var now = Rfc3339.Format(time.GetUtcNow());
        var body = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RestartedAt + "\":\"" + now + "\"}}}}}";
        var patch = new V1Patch(body, V1Patch.PatchType.MergePatch);
        switch (workload.Kind)
        {
            case "Deployment":
                await ApiCalls.Call(() => apps.PatchNamespacedDeploymentAsync(patch, name, ns, cancellationToken: cancel), $"restarting {what}").ConfigureAwait(false);
                break;
            case "StatefulSet":
                await ApiCalls.Call(() => apps.PatchNamespacedStatefulSetAsync(patch, name, ns, cancellationToken: cancel), $"restarting {what}").ConfigureAwait(false);
                break;
            default:
                await ApiCalls.Call(() => apps.PatchNamespacedDaemonSetAsync(patch, name, ns, cancellationToken: cancel), $"restarting {what}").ConfigureAwait(false);
                break;
        }
        return $"restarted {what} so that its pods {purpose}";
    }
}
