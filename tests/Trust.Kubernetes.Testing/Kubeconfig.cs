using System.Text;
using System.Text.Json;

namespace Trust.Kubernetes.Testing;

/// <summary>Writes kubeconfig files (a cluster, a token user and a context per server) that kubectl and KubernetesClient read.</summary>
internal static class Kubeconfig
{
    public static string Write(string path, IReadOnlyList<(string Context, Uri Server, string Token, string? CertificateAuthorityPem, string? Namespace)> contexts)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (contexts.Count == 0) throw new ArgumentException("a kubeconfig needs at least one context", nameof(contexts));
        if (contexts.Select(c => c.Context).Distinct().Count() != contexts.Count) throw new ArgumentException("context names must differ", nameof(contexts));
        var yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        foreach (var (context, server, _, authority, _) in contexts)
        {
            yaml.Append($"- name: {Quote(context)}\n  cluster:\n    server: {Quote(server.ToString().TrimEnd('/'))}\n");
            if (authority is not null) yaml.Append($"    certificate-authority-data: {Quote(Convert.ToBase64String(Encoding.ASCII.GetBytes(authority)))}\n");
        }
        yaml.Append("users:\n");
        foreach (var (context, _, token, _, _) in contexts)
            yaml.Append($"- name: {Quote(context)}\n  user:\n    token: {Quote(token)}\n");
        yaml.Append("contexts:\n");
        foreach (var (context, _, _, _, ns) in contexts)
        {
            yaml.Append($"- name: {Quote(context)}\n  context:\n    cluster: {Quote(context)}\n    user: {Quote(context)}\n");
            if (ns is not null) yaml.Append($"    namespace: {Quote(ns)}\n");
        }
        yaml.Append($"current-context: {Quote(contexts[0].Context)}\npreferences: {{}}\n");
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, yaml.ToString());
        return full;
    }

    /// <summary>A YAML double-quoted scalar; JSON's string escapes are a subset of YAML's.</summary>
    private static string Quote(string value) => JsonSerializer.Serialize(value, KubeconfigJson.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class KubeconfigJson : System.Text.Json.Serialization.JsonSerializerContext;
