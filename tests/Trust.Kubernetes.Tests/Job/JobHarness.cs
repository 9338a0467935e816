using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Trust.Bundles;
using Trust.Identity;
using Trust.Kubernetes.Testing;
using Trust.Rotation;
using Trust.Validation;

namespace Trust.Kubernetes.Tests.Job;

/// <summary>Fake API servers (one per cluster) on one fake clock, and the job's clients to them through a kubeconfig.</summary>
public sealed class JobHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public const string Ns = "linkerd";
    public const string AnchorNs = "trust-system";

    private readonly string _dir = Directory.CreateTempSubdirectory("trust-job-").FullName;

    public FakeTimeProvider Time { get; } = new(T0);
    public List<FakeApiServer> Servers { get; } = [];
    public string Kubeconfig => Path.Combine(_dir, "config");
    public FakeApiServer Home => Servers[0];

    public static async Task<JobHarness> StartAsync(int clusters = 1, bool certManager = false)
    {
        var harness = new JobHarness();
        for (var i = 0; i < clusters; i++)
            harness.Servers.Add(await FakeApiServer.StartAsync(new FakeApiOptions
            {
                TimeProvider = harness.Time, ServeCertManager = certManager,
                Namespaces = ["default", "kube-system", Ns, AnchorNs, "shop"],
            }));
        FakeApiServer.WriteKubeconfig(harness.Kubeconfig, harness.Servers.Select((s, i) => ($"c{i}", s)).ToArray());
        return harness;
    }

    public RotationJobOptions Options(RotationPolicy? policy = null, bool restart = false) => new()
    {
        AnchorNamespace = AnchorNs, Namespace = Ns, Holder = "test-run", Restart = restart,
        Policy = policy ?? new RotationPolicy(),
    };

    public async Task<RotationRunReport> RunAsync(RotationJobOptions? options = null)
    {
        var clusters = KubernetesConnections.Connect(Kubeconfig, Servers.Select((_, i) => $"c{i}").ToList(),
            new ApiRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) });
        return await new RotationJob(clusters, options ?? Options(), Time).RunAsync();
    }

    public JsonObject? Get(FakeApiServer server, KubeResource resource, string ns, string name) =>
        server.TryGet(resource, ns, name, out var obj) ? obj : null;

    public static string Data(JsonObject secret, string key) => Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.GetValue<string>()));

    public string? BundleText(FakeApiServer server) => Get(server, KubeResource.ConfigMaps, Ns, "linkerd-identity-trust-roots")?["data"]?["ca-bundle.crt"]?.GetValue<string>();

    /// <summary>Invariant 1 (and Linkerd's identity checks): the issuer Secret verifies against the bundle ConfigMap.</summary>
    public CheckReport AssertIssuerVerifiesAgainstBundle(FakeApiServer server)
    {
        var issuer = Get(server, KubeResource.Secrets, Ns, "linkerd-identity-issuer")!;
        var bundle = BundleText(server)!;
        using var material = IdentityMaterial.Load(IdentityInput.FromText("ca-bundle.crt", bundle),
            IdentityInput.FromText("tls.crt", Data(issuer, "tls.crt")), IdentityInput.FromText("tls.key", Data(issuer, "tls.key"))).GetValueOrThrow();
        var report = IdentityChecks.Run(material, Time.GetUtcNow());
        Assert.True(report.Passed, string.Join("; ", report.Findings.Where(f => f.IsBlocking).Select(f => f.ToString())));
        return report;
    }

    public static TrustBundle Bundle(string text) => TrustBundle.TryParse(text, "bundle").GetValueOrThrow();

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers) await server.DisposeAsync();
        Directory.Delete(_dir, true);
    }
}
