using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing;
using Trust.Kubernetes.Tests.Support;
using Xunit.Abstractions;

namespace Trust.Kubernetes.Tests;

public sealed class StoreHookTests(ITestOutputHelper output) : ServerTest
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    [Fact]
    public async Task An_object_put_directly_is_served_with_the_fields_the_server_owns()
    {
        var stored = Server.Put(KubeResource.ConfigMaps, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "linkerd-identity-trust-roots", ["namespace"] = "linkerd" },
            ["data"] = new JsonObject { ["ca-bundle.crt"] = Pem },
        });

        var reply = await Api.GetAsync("/api/v1/namespaces/linkerd/configmaps/linkerd-identity-trust-roots");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(stored.ToJsonString(), reply.Body.ToJsonString());
        Assert.Equal("ConfigMap", reply.Body["kind"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", reply.Body["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/namespaces/linkerd")).Status);
    }

    [Fact]
    public void Put_gives_a_new_resourceVersion_and_skips_validation()
    {
        var before = Server.ResourceVersion;

        var stored = Server.Put(KubeResource.Secrets, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "tls" },
            ["type"] = "kubernetes.io/tls",
        });

        Assert.Equal((before + 1).ToString(), stored["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("default", stored["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public void TryGet_Delete_and_Objects_see_the_store_without_HTTP()
    {
        Server.Put(KubeResource.Secrets, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "b" } });
        Server.Put(KubeResource.Secrets, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a" } });

        Assert.True(Server.TryGet(KubeResource.Secrets, "default", "a", out var a));
        Assert.Equal("a", a["metadata"]!["name"]!.GetValue<string>());
        Assert.False(Server.TryGet(KubeResource.Secrets, "default", "c", out _));
        Assert.Equal(["a", "b"], Server.Objects(KubeResource.Secrets).Select(o => o["metadata"]!["name"]!.GetValue<string>()));
        Assert.True(Server.Delete(KubeResource.Secrets, "default", "a"));
        Assert.False(Server.Delete(KubeResource.Secrets, "default", "a"));
        Assert.Single(Server.Objects(KubeResource.Secrets));
    }

    [Fact]
    public void Copies_handed_out_do_not_change_the_store()
    {
        var stored = Server.Put(KubeResource.Secrets, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a" } });
        stored["metadata"]!["name"] = "changed";
        Server.TryGet(KubeResource.Secrets, "default", "a", out var copy);
        copy!["type"] = "changed";

        Assert.True(Server.TryGet(KubeResource.Secrets, "default", "a", out var again));
        Assert.Equal("Opaque", again["type"]!.GetValue<string>());
    }

    [Fact]
    public void A_resource_that_is_not_served_cannot_be_put()
    {
        Assert.Throws<ArgumentException>(() => Server.Put(KubeResource.Certificates, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } }));
    }

    [Fact]
    public void A_meshed_pod_carries_the_anchors_in_its_proxy_and_is_owned_by_web()
    {
        var created = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var pod = Server.AddPod("emojivoto", "web-7d4b9c8f5-abcde", new Dictionary<string, string> { ["app"] = "web" }, "Running", created, Pem);

        var proxy = pod["spec"]!["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "linkerd-proxy")!;
        var env = proxy["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS")!;
        Assert.Equal(Pem, env["value"]!.GetValue<string>());
        Assert.Equal("linkerd", pod["metadata"]!["labels"]!["linkerd.io/control-plane-ns"]!.GetValue<string>());
        Assert.Equal("web", pod["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("2025-06-01T00:00:00Z", pod["metadata"]!["creationTimestamp"]!.GetValue<string>());
        var owner = pod["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("ReplicaSet", "web-7d4b9c8f5", true), (owner["kind"]!.GetValue<string>(), owner["name"]!.GetValue<string>(), owner["controller"]!.GetValue<bool>()));
        Assert.True(Server.TryGet(KubeResource.ReplicaSets, "emojivoto", "web-7d4b9c8f5", out var replicaSet));
        Assert.Equal(replicaSet["metadata"]!["uid"]!.GetValue<string>(), owner["uid"]!.GetValue<string>());
        Assert.True(Server.TryGet(KubeResource.Deployments, "emojivoto", "web", out var deployment));
        var deploymentOwner = replicaSet["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("Deployment", deployment["metadata"]!["uid"]!.GetValue<string>()), (deploymentOwner["kind"]!.GetValue<string>(), deploymentOwner["uid"]!.GetValue<string>()));
    }

    [Fact]
    public void A_pod_without_anchors_is_not_meshed_and_has_no_owner_unless_given()
    {
        var pod = Server.AddPod("default", "plain", phase: "Succeeded");
        var owned = Server.AddPod("default", "owned", ownerReferences: [new JsonObject { ["kind"] = "Job", ["name"] = "j", ["uid"] = "u", ["apiVersion"] = "batch/v1" }]);

        Assert.Single(pod["spec"]!["containers"]!.AsArray());
        Assert.Null(pod["metadata"]!["ownerReferences"]);
        Assert.Equal("Succeeded", pod["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("Job", owned["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ten_thousand_pods_are_added_and_listed_in_pages_of_500_quickly()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var names = Server.AddMeshedPods("emojivoto", 10_000, Pem);
        var added = clock.Elapsed;
        var addCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;

        clock.Restart();
        var (pages, listed) = await Api.PageThroughAsync("/api/v1/pods", limit: 500);
        var read = clock.Elapsed;
        var readCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"added 10,000 pods in {added.TotalMilliseconds:F0} ms (process CPU {addCpu.TotalMilliseconds:F0} ms); " +
            $"listed them in {pages.Count} pages in {read.TotalMilliseconds:F0} ms (process CPU {readCpu.TotalMilliseconds:F0} ms, client included)");

        Assert.Equal(10_000, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), listed);
        Assert.Equal(20, pages.Count);
        // Generous bounds: the machine may be busy; the figures above are the measurement.
        Assert.True(added < TimeSpan.FromSeconds(10), $"adding took {added}");
        Assert.True(read < TimeSpan.FromSeconds(20), $"listing took {read}");
    }

    [Fact]
    public async Task The_request_log_records_each_answer_and_can_be_cleared()
    {
        await Api.GetAsync($"{Secrets}/x?pretty=true");
        await Api.PatchAsync($"{Secrets}/x", "{}", Api.MergePatch);

        var log = Server.Requests.All;

        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal(new RequestRecord("GET", $"{Secrets}/x", "pretty=true", 404, null), log[0]);
        Assert.Equal("true", log[0].QueryValue("pretty"));
        Assert.Equal(("PATCH", 404, "application/merge-patch+json"), (log[1].Method, log[1].StatusCode, log[1].ContentType));
        Server.Requests.Clear();
        Assert.Equal(0, Server.Requests.Count);
    }
}
