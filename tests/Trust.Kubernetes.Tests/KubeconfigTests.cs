using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Trust.Kubernetes.Testing;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

/// <summary>The kubeconfig files the server writes, read by KubernetesClient (the client the rotation job uses).</summary>
public sealed class KubeconfigTests : ServerTest
{
    [Fact]
    public void A_kubeconfig_names_the_server_its_CA_the_token_and_the_namespace()
    {
        using var dir = new TempDir();

        var path = Server.WriteKubeconfig(dir["config"], "fake", "linkerd");

        var text = File.ReadAllText(path);
        Assert.Contains($"server: \"{Server.BaseAddress.ToString().TrimEnd('/')}\"", text);
        Assert.Contains($"token: \"{Server.Token}\"", text);
        Assert.Contains($"certificate-authority-data: \"{Convert.ToBase64String(Encoding.ASCII.GetBytes(Server.CertificateAuthorityPem!))}\"", text);
        Assert.Contains("namespace: \"linkerd\"", text);
        Assert.Contains("current-context: \"fake\"", text);
        Assert.StartsWith("https://127.0.0.1:", Server.BaseAddress.ToString());
    }

    [Fact]
    public async Task KubernetesClient_reads_writes_and_pages_through_the_server()
    {
        using var dir = new TempDir();
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.WriteKubeconfig(dir["config"], @namespace: "default"));
        using var client = new k8s.Kubernetes(config);
        Server.AddMeshedPods("emojivoto", 5, "PEM");

        var created = await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "linkerd-identity-issuer" }, StringData = new Dictionary<string, string> { ["ca.crt"] = "pem" } }, "default");
        var patched = await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"metadata":{"labels":{"rotated":"yes"}}}""", V1Patch.PatchType.MergePatch), "linkerd-identity-issuer", "default");
        var first = await client.CoreV1.ListPodForAllNamespacesAsync(limit: 2);
        var rest = await client.CoreV1.ListPodForAllNamespacesAsync(limit: 10, continueParameter: first.Metadata.ContinueProperty);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("nope", "default"));

        Assert.Equal("pem", Encoding.UTF8.GetString(created.Data["ca.crt"]));
        Assert.Equal("yes", patched.Metadata.Labels["rotated"]);
        Assert.Equal(2, first.Items.Count);
        Assert.Equal(3, rest.Items.Count);
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("configmaps \\\"nope\\\" not found", missing.Response.Content);
    }

    [Fact]
    public async Task KubernetesClient_lease_times_are_accepted_as_MicroTime()
    {
        using var dir = new TempDir();
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.WriteKubeconfig(dir["config"])));
        var now = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);

        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "trust-rotation" },
            Spec = new V1LeaseSpec { HolderIdentity = "job-1", LeaseDurationSeconds = 60, AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
        }, "default");

        Assert.True(Server.TryGet(KubeResource.Leases, "default", "trust-rotation", out var stored));
        Assert.Equal("2026-01-02T03:04:05.123456Z", stored["spec"]!["renewTime"]!.GetValue<string>());
        Assert.Equal("job-1", lease.Spec.HolderIdentity);
    }

    [Fact]
    public async Task One_kubeconfig_reaches_several_servers_by_context()
    {
        using var dir = new TempDir();
        await using var other = await FakeApiServer.StartAsync();
        other.AddPod("default", "only-on-b");
        var path = FakeApiServer.WriteKubeconfig(dir["config"], ("a", Server), ("b", other));

        using var a = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        using var b = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path, "b"));

        Assert.Empty((await a.CoreV1.ListNamespacedPodAsync("default")).Items);
        Assert.Equal("only-on-b", Assert.Single((await b.CoreV1.ListNamespacedPodAsync("default")).Items).Metadata.Name);
    }

    [Fact]
    public void Context_names_must_differ()
    {
        using var dir = new TempDir();

        Assert.Throws<ArgumentException>(() => FakeApiServer.WriteKubeconfig(dir["config"], ("a", Server), ("a", Server)));
        Assert.Throws<ArgumentException>(() => FakeApiServer.WriteKubeconfig(dir["config"]));
    }
}

public sealed class PlainHttpTests : ServerTest
{
    protected override FakeApiOptions Options => base.Options with { UseTls = false };

    [Fact]
    public async Task Without_TLS_the_server_speaks_plain_http_and_still_wants_the_token()
    {
        using var dir = new TempDir();
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.WriteKubeconfig(dir["config"])));

        var namespaces = await client.CoreV1.ListNamespaceAsync();

        Assert.StartsWith("http://127.0.0.1:", Server.BaseAddress.ToString());
        Assert.Null(Server.CertificateAuthorityPem);
        Assert.Equal(4, namespaces.Items.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetWithAuthorizationAsync("/api/v1/namespaces", null)).Status);
    }
}
