using k8s;
using k8s.Exceptions;

namespace Trust.Kubernetes;

/// <summary>
/// Builds the job's clients: from the service account when running in a pod, else from kubeconfig files (the path
/// given, else <c>KUBECONFIG</c> — several files separated by ':' merge, missing ones skipped, the first to define an
/// entry wins — else <c>~/.kube/config</c>). Every client retries busy or failing API servers (<see cref="ApiRetryPolicy"/>).
/// </summary>
public static class KubernetesConnections
{
    /// <summary>The context name of the pod's own cluster (its service account), usable beside kubeconfig contexts:
    /// a job in the home cluster reaches the others through a mounted kubeconfig.</summary>
    public const string InCluster = "in-cluster";

    /// <summary>Connects to one cluster per context (home cluster first); with no context, the kubeconfig's current
    /// context, or the pod's own cluster when running in one with no kubeconfig given.</summary>
    /// <param name="kubeconfig">A kubeconfig path; null for <c>KUBECONFIG</c> or the default.</param>
    /// <param name="contexts">Contexts, home first; empty for the current one.</param>
    /// <param name="retry">Retry policy; null for the default.</param>
    /// <exception cref="RotationJobException">No kubeconfig, an unknown context, or a configuration the client rejects.</exception>
    public static IReadOnlyList<KubernetesCluster> Connect(string? kubeconfig, IReadOnlyList<string> contexts, ApiRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        retry ??= new ApiRetryPolicy();
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (kubeconfig is null && string.IsNullOrEmpty(env) && contexts.Count == 0 && KubernetesClientConfiguration.IsInCluster())
            return [InClusterCluster(retry)];

        if (contexts.Count > 0 && contexts.All(c => c == InCluster))
            return [InClusterCluster(retry)];
        var files = Files(kubeconfig, env);
        var configs = files.Select(f => (File: f, Config: Wrap(() => KubernetesClientConfiguration.LoadKubeConfig(f, useRelativePaths: true), $"kubeconfig {f}"))).ToList();
        if (contexts.Count == 0)
        {
            var current = configs.Select(c => c.Config.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c));
            if (current is null) throw new RotationJobException($"kubeconfig {files[0]}: no current context; name one");
            contexts = [current];
        }
        var clusters = new List<KubernetesCluster>();
        foreach (var context in contexts)
        {
            if (context == InCluster)
            {
                clusters.Add(InClusterCluster(retry));
                continue;
            }
            // The first file to define the context wins; its cluster and user must be in the same file.
            var (file, config) = configs.FirstOrDefault(c => c.Config.Contexts?.Any(x => x.Name == context) == true);
            if (config is null) throw new RotationJobException($"kubeconfig {string.Join(":", files.Select(f => f.ToString()))}: no context '{context}'");
            var where = $"kubeconfig {file}, context '{context}'";
            var configuration = Wrap(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config, context), where);
            clusters.Add(Wrap(() => Create(context, configuration, retry), where));
        }
        return clusters;
    }

    /// <summary>Builds a cluster from a client configuration with the job's retries.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="configuration">The client configuration.</param>
    /// <param name="retry">Retry policy; null for the default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="configuration"/> is null.</exception>
    public static KubernetesCluster Create(string name, KubernetesClientConfiguration configuration, ApiRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        var counter = new RequestCounter();
        var api = KubeApi.Connect(configuration, new ApiRetryHandler(retry ?? new ApiRetryPolicy(), counter));
        return new KubernetesCluster(name, api, counter);
    }

    private static KubernetesCluster InClusterCluster(ApiRetryPolicy retry)
    {
        if (!KubernetesClientConfiguration.IsInCluster())
            throw new RotationJobException($"context '{InCluster}' names the pod's own cluster, but this is not a pod (no service account token)");
        var configuration = Wrap(KubernetesClientConfiguration.InClusterConfig, "the pod's service account");
        return Wrap(() => Create(InCluster, configuration, retry), "the pod's service account");
    }

    private static FileInfo[] Files(string? kubeconfig, string? env)
    {
        if (kubeconfig is not null)
        {
            if (string.IsNullOrWhiteSpace(kubeconfig)) throw new RotationJobException("kubeconfig: the file name is empty");
            var file = new FileInfo(kubeconfig);
            if (Directory.Exists(kubeconfig)) throw new RotationJobException($"kubeconfig {kubeconfig}: is a directory; name the kubeconfig file in it");
            if (!file.Exists) throw new RotationJobException($"kubeconfig {kubeconfig}: no such file");
            return [file];
        }
        if (!string.IsNullOrEmpty(env))
        {
            var paths = env.Split(':', StringSplitOptions.RemoveEmptyEntries);
            var existing = paths.Select(p => new FileInfo(p)).Where(f => f.Exists).ToArray();
            if (existing.Length == 0)
                throw new RotationJobException(paths.FirstOrDefault(Directory.Exists) is { } directory
                    ? $"KUBECONFIG={env}: {directory} is a directory, and none of its entries is a kubeconfig file"
                    : $"KUBECONFIG={env}: none of its files exists");
            return existing;
        }
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (!File.Exists(home)) throw new RotationJobException($"no kubeconfig: {home} does not exist, KUBECONFIG is not set and this is not a pod");
        return [new FileInfo(home)];
    }

    private static T Wrap<T>(Func<T> build, string what)
    {
        try
        {
            return build();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new RotationJobException($"{what}: not a kubeconfig (not valid YAML: {OneLine(e.Message).TrimEnd('.')})", e);
        }
        catch (Exception e) when (e is KubeConfigException or KubernetesClientException or IOException or UnauthorizedAccessException
                                      or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new RotationJobException($"{what}: {OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidCastException)
        {
            // The client's loader fails this way on an empty file or on text that is not a mapping.
            throw new RotationJobException($"{what}: not a kubeconfig (empty, or not YAML of the Config kind)", e);
        }
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
