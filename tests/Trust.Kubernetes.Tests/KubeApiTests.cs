using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Exceptions;
using k8s.Models;
using Trust.Certificates;
using Trust.Keys;
using Trust.Kubernetes.Tests.Support;
using Trust.Pem;

namespace Trust.Kubernetes.Tests;

/// <summary>The job's own REST layer (<see cref="KubeApi"/>): the connection it builds from a kubeconfig, the JSON it
/// writes and reads, and how it reports an answer outside 2xx.</summary>
public sealed class KubeApiTests : ServerTest
{
    private KubernetesCluster Connect(string? kubeconfigText = null)
    {
        var dir = Directory.CreateTempSubdirectory("trust-kubeapi-");
        var path = Server.WriteKubeconfig(Path.Combine(dir.FullName, "config"), @namespace: "default");
        if (kubeconfigText is not null) File.WriteAllText(path, kubeconfigText);
        return KubernetesConnections.Connect(path, [])[0];
    }

    [Fact]
    public async Task Reads_writes_pages_and_patches_through_the_server()
    {
        using var cluster = Connect();
        Server.AddMeshedPods("emojivoto", 5, "PEM");
        await CreatedAsync(Deployments, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"web"}]}}}}""");

        var created = await cluster.Api.CreateAsync(KubeApi.Secrets, "default",
            new V1Secret { Metadata = new V1ObjectMeta { Name = "issuer" }, Data = new Dictionary<string, byte[]> { ["ca.crt"] = "pem"u8.ToArray() } }, default);
        created.Data["ca.crt"] = "pem2"u8.ToArray();
        var replaced = await cluster.Api.ReplaceAsync(KubeApi.Secrets, "default", "issuer", created, default);
        var read = await cluster.Api.ReadAsync(KubeApi.Secrets, "default", "issuer", default);
        var first = await cluster.Api.ListPodsAsync(null, "linkerd.io/control-plane-ns=linkerd", "status.phase=Running", 2, null, default);
        var rest = await cluster.Api.ListPodsAsync(null, "linkerd.io/control-plane-ns=linkerd", "status.phase=Running", 10, first.Metadata?.Continue, default);
        var patched = await cluster.Api.MergePatchAsync(KubeApi.Deployments, "default", "web",
            """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-02T03:04:05Z"}}}}}""", default);

        Assert.Equal("pem2", Encoding.UTF8.GetString(read.Data["ca.crt"]));
        Assert.NotEqual(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal(replaced.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(2, first.Items.Count);
        Assert.Equal(3, rest.Items.Count);
        Assert.All(first.Items.Concat(rest.Items), pod => Assert.Equal("emojivoto", pod.Metadata?.Namespace));
        Assert.Equal("2026-01-02T03:04:05Z", patched.Spec?.Template?.Metadata?.Annotations?["kubectl.kubernetes.io/restartedAt"]);
        Assert.True(cluster.Requests >= 6);
    }

    [Fact]
    public async Task An_answer_outside_2xx_carries_its_status_and_the_servers_message()
    {
        using var cluster = Connect();

        var missing = await Assert.ThrowsAsync<ApiException>(() => cluster.Api.ReadAsync(KubeApi.ConfigMaps, "default", "nope", default));
        await cluster.Api.CreateAsync(KubeApi.ConfigMaps, "default", new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, default);
        var taken = await Assert.ThrowsAsync<ApiException>(() =>
            cluster.Api.CreateAsync(KubeApi.ConfigMaps, "default", new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, default));

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("configmaps \"nope\" not found (HTTP 404)", ApiCalls.Message(missing));
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Contains("already exists", ApiCalls.Message(taken));
    }

    [Fact]
    public async Task A_delete_sends_its_preconditions()
    {
        using var cluster = Connect();
        var secret = await cluster.Api.CreateAsync(KubeApi.Secrets, "default", new V1Secret { Metadata = new V1ObjectMeta { Name = "old" } }, default);

        var stale = await Assert.ThrowsAsync<ApiException>(() => cluster.Api.DeleteAsync(KubeApi.Secrets, "default", "old",
            new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "1" + secret.Metadata.ResourceVersion } }, default));
        await cluster.Api.DeleteAsync(KubeApi.Secrets, "default", "old",
            new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = secret.Metadata.ResourceVersion, Uid = secret.Metadata.Uid } }, default);

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<ApiException>(() => cluster.Api.ReadAsync(KubeApi.Secrets, "default", "old", default))).Status);
    }

    [Fact]
    public async Task A_server_whose_certificate_the_kubeconfigs_CA_did_not_issue_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("trust-kubeapi-");
        var text = File.ReadAllText(Server.WriteKubeconfig(Path.Combine(dir.FullName, "config")));
        var other = Convert.ToBase64String(Encoding.ASCII.GetBytes(CertificatePem.Write([NewAnchor().Certificate])));
        var ours = Convert.ToBase64String(Encoding.ASCII.GetBytes(Server.CertificateAuthorityPem!));
        using var cluster = Connect(text.Replace(ours, other, StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<RotationJobException>(() =>
            ApiCalls.GetOrNull(() => cluster.Api.ReadAsync(KubeApi.Secrets, "default", "any", default), "reading Secret default/any"));

        Assert.StartsWith("reading Secret default/any: the API server did not answer", failure.Message);
        Assert.DoesNotContain(Server.Requests.All, r => r.Path.Contains("/secrets/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_certificate_in_the_kubeconfig_is_loaded_with_its_key_and_a_broken_one_is_named()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var certificate = new CertificateFactory().CreateAnchor(new AnchorProfile { Subject = "client" }, key, Start).Certificate;
        var config = new KubernetesClientConfiguration
        {
            Host = "https://127.0.0.1:6443",
            ClientCertificateData = Base64(CertificatePem.Write([certificate])),
            ClientCertificateKeyData = Base64(PrivateKeyPem.Write(key)),
        };

        using var loaded = KubeApi.ClientCertificate(config);
        config.ClientCertificateKeyData = Base64("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        var broken = Assert.Throws<KubeConfigException>(() => KubeApi.ClientCertificate(config));
        config.ClientCertificateKeyData = "not base64!";
        var notBase64 = Assert.Throws<KubeConfigException>(() => KubeApi.ClientCertificate(config));

        Assert.NotNull(loaded);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Der.ToArray(), loaded.RawData);
        Assert.StartsWith("the client certificate and key cannot be used", broken.Message);
        Assert.Equal("client certificate or key data is not base64", notBase64.Message);
        Assert.Null(KubeApi.ClientCertificate(new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443" }));
    }

    [Fact]
    public void Times_are_written_with_six_fraction_digits_and_read_whatever_the_fraction()
    {
        var whole = new V1Lease { Spec = new V1LeaseSpec { RenewTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) } };
        var local = new V1Lease { Spec = new V1LeaseSpec { RenewTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567).ToLocalTime() } };

        var wholeJson = JsonSerializer.Serialize(whole, ApiJson.Default.V1Lease);
        var localJson = JsonSerializer.Serialize(local, ApiJson.Default.V1Lease);
        var nanos = JsonSerializer.Deserialize("""{"spec":{"renewTime":"2026-01-02T03:04:05.123456789Z"}}""", ApiJson.Default.V1Lease)!;
        var seconds = JsonSerializer.Deserialize("""{"spec":{"renewTime":"2026-01-02T05:04:05+02:00"}}""", ApiJson.Default.V1Lease)!;

        Assert.Contains("\"renewTime\":\"2026-01-02T03:04:05.000000Z\"", wholeJson);
        Assert.Contains("\"renewTime\":\"2026-01-02T03:04:05.123456Z\"", localJson);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567), nanos.Spec.RenewTime);
        Assert.Equal(DateTimeKind.Utc, nanos.Spec.RenewTime!.Value.Kind);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), seconds.Spec.RenewTime);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"spec":{"renewTime":"yesterday"}}""", ApiJson.Default.V1Lease));
        Assert.DoesNotContain("null", wholeJson);
    }

    private static IssuedCertificate NewAnchor()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        return new CertificateFactory().CreateAnchor(new AnchorProfile { Subject = "someone else" }, key, Start);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
