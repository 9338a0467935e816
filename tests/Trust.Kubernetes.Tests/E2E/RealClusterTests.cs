using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Trust.Rotation;
using Trust.Validation;

namespace Trust.Kubernetes.Tests.E2E;

/// <summary>
/// <c>trust rotate</c>'s job against a real API server (opt-in, <see cref="RealClusterFactAttribute"/>): in two
/// throwaway namespaces (Linkerd's and the anchor's, named <c>trust-e2e-*</c>), a bootstrap, an idempotent second run
/// and a dry run, on the real clock; the namespaces are deleted afterwards, whatever happened. No meshed pod or identity
/// controller carries the throwaway namespace's label, so the mesh of a cluster that runs Linkerd is not touched.
/// </summary>
public sealed class RealClusterTests
{
    [RealClusterFact]
    public async Task Bootstrap_then_a_second_run_and_a_dry_run_write_nothing()
    {
        var kubeconfig = Environment.GetEnvironmentVariable(RealClusterFactAttribute.KubeconfigVariable)!;
        var context = Environment.GetEnvironmentVariable(RealClusterFactAttribute.ContextVariable);
        var clusters = KubernetesConnections.Connect(kubeconfig, string.IsNullOrEmpty(context) ? [] : [context]);
        // The test's own client, to set up and inspect: the job's connection is not public.
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, string.IsNullOrEmpty(context) ? null : context));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (ns, anchorNs) = ($"trust-e2e-{suffix}", $"trust-e2e-anchor-{suffix}");
        try
        {
            foreach (var name in new[] { ns, anchorNs })
                await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
            var options = new RotationJobOptions { Namespace = ns, AnchorNamespace = anchorNs, Holder = "trust-e2e" };

            var boot = await new RotationJob(clusters, options, TimeProvider.System).RunAsync();
            Assert.True(boot.Outcome == RotationOutcome.Good, $"{boot.Outcome}: {boot.Error}");
            Assert.Equal(RotationPhase.Bootstrap, boot.PhaseBefore);
            Assert.Equal(["store-anchor", "write-bundle", "write-issuer", "record"], boot.Actions.Select(a => a.Action));

            // What Linkerd would read verifies as `linkerd check` verifies it; the anchor key stays in its namespace.
            var issuer = await client.CoreV1.ReadNamespacedSecretAsync("linkerd-identity-issuer", ns);
            var bundle = await client.CoreV1.ReadNamespacedConfigMapAsync("linkerd-identity-trust-roots", ns);
            Assert.Equal("kubernetes.io/tls", issuer.Type);
            using (var material = IdentityMaterial.Load(IdentityInput.FromText("ca-bundle.crt", bundle.Data["ca-bundle.crt"]),
                       IdentityInput.FromText("tls.crt", Text(issuer, "tls.crt")), IdentityInput.FromText("tls.key", Text(issuer, "tls.key"))).GetValueOrThrow())
            {
                var check = IdentityChecks.Run(material, DateTimeOffset.UtcNow);
                Assert.True(check.Passed, string.Join("; ", check.Findings.Where(f => f.IsBlocking)));
            }
            var anchor = await client.CoreV1.ReadNamespacedSecretAsync("linkerd-trust-anchor", anchorNs);
            Assert.Equal(Text(anchor, "tls.crt"), Text(issuer, "ca.crt"));
            Assert.DoesNotContain((await client.CoreV1.ListNamespacedSecretAsync(ns)).Items, s => s.Metadata.Name == "linkerd-trust-anchor");

            var versions = await VersionsAsync(client, ns, anchorNs);
            var again = await new RotationJob(clusters, options, TimeProvider.System).RunAsync();
            Assert.True(again.Outcome == RotationOutcome.Good, $"{again.Outcome}: {again.Error}");
            Assert.Empty(again.Actions);
            var dry = await new RotationJob(clusters, options with { DryRun = true }, TimeProvider.System).RunAsync();
            Assert.Equal(RotationOutcome.Good, dry.Outcome);
            Assert.Empty(dry.Actions);
            Assert.Equal(versions, await VersionsAsync(client, ns, anchorNs));

            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, anchorNs);
            Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity), $"the Lease is still held by {lease.Spec.HolderIdentity}");
        }
        finally
        {
            foreach (var name in new[] { ns, anchorNs })
            {
                try
                {
                    await client.CoreV1.DeleteNamespaceAsync(name);
                }
                catch (HttpOperationException)
                {
                    // Never created, or already going.
                }
            }
            foreach (var cluster in clusters) cluster.Dispose();
        }
    }

    private static string Text(V1Secret secret, string key) => Encoding.UTF8.GetString(secret.Data[key]);

    /// <summary>The resourceVersion of every Secret and ConfigMap in the two namespaces: unchanged means nothing written.</summary>
    private static async Task<string> VersionsAsync(IKubernetes client, params string[] namespaces)
    {
        var versions = new List<string>();
        foreach (var ns in namespaces)
        {
            versions.AddRange((await client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Select(s => $"{ns}/secret/{s.Metadata.Name}={s.Metadata.ResourceVersion}"));
            versions.AddRange((await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(c => $"{ns}/configmap/{c.Metadata.Name}={c.Metadata.ResourceVersion}"));
        }
        return string.Join(" ", versions.Order(StringComparer.Ordinal));
    }
}
