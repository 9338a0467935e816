using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

/// <summary>The real kubectl — a client nobody on the team wrote — against the fake server.</summary>
public sealed class KubectlTests : ServerTest, IDisposable
{
    private Kubectl? _kubectl;

    private Kubectl Kubectl => _kubectl ??= new Kubectl(Server);

    public void Dispose() => _kubectl?.Dispose();

    private static JsonObject SecretObject(string name, string key, string value) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { [key] = Objects.Base64(value) },
    };

    private string StoredData(KubeResource resource, string name, string key)
    {
        Assert.True(Server.TryGet(resource, "default", name, out var stored), $"{resource} {name} is not stored");
        return stored["data"]![key]!.GetValue<string>();
    }

    [KubectlFact]
    public async Task Get_secret_as_json_prints_the_stored_object()
    {
        Server.Put(KubeResource.Secrets, SecretObject("linkerd-identity-issuer", "ca.crt", "pem"));

        var result = await Kubectl.RunAsync("get", "secret", "linkerd-identity-issuer", "-o", "json");

        Assert.True(result.Exit == 0, result.Err);
        var secret = JsonNode.Parse(result.Out)!;
        Assert.Equal(Objects.Base64("pem"), secret["data"]!["ca.crt"]!.GetValue<string>());
        Assert.Equal("Secret", secret["kind"]!.GetValue<string>());
    }

    [KubectlFact]
    public async Task Get_of_a_missing_secret_prints_the_servers_NotFound()
    {
        var result = await Kubectl.RunAsync("get", "secret", "x");

        Assert.Equal(1, result.Exit);
        Assert.Equal("Error from server (NotFound): secrets \"x\" not found", result.Err.Trim());
    }

    [KubectlFact]
    public async Task Apply_creates_then_updates_with_a_strategic_merge_patch()
    {
        var file = Kubectl.Write("secret.json", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"app","labels":{"v":"1"}},"data":{"a":"YQ=="}}""");

        var create = await Kubectl.RunAsync("apply", "-f", file);
        Kubectl.Write("secret.json", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"app","labels":{"v":"2"}},"data":{"b":"Yg=="}}""");
        var update = await Kubectl.RunAsync("apply", "-f", file);
        var again = await Kubectl.RunAsync("apply", "-f", file);

        Assert.Equal("secret/app created", create.Out.Trim());
        Assert.Equal("secret/app configured", update.Out.Trim());
        Assert.Equal("secret/app unchanged", again.Out.Trim());
        Assert.True(Server.TryGet(KubeResource.Secrets, "default", "app", out var stored));
        Assert.Equal("""{"b":"Yg=="}""", stored["data"]!.ToJsonString());
        Assert.Equal("2", stored["metadata"]!["labels"]!["v"]!.GetValue<string>());
        Assert.NotNull(stored["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Contains(Server.Requests.All, r => r.Method == "PATCH" && r.ContentType == "application/strategic-merge-patch+json" && r.StatusCode == 200);
    }

    [KubectlFact]
    public async Task Patch_with_a_merge_patch()
    {
        Server.Put(KubeResource.Secrets, SecretObject("x", "a", "1"));

        var result = await Kubectl.RunAsync("patch", "secret", "x", "--type", "merge", "-p", $$$"""{"data":{"a":null,"b":"{{{Objects.Base64("2")}}}"}}""");

        Assert.Equal("secret/x patched", result.Out.Trim());
        Assert.Equal(Objects.Base64("2"), StoredData(KubeResource.Secrets, "x", "b"));
        Assert.Contains(Server.Requests.All, r => r.Method == "PATCH" && r.ContentType == "application/merge-patch+json");
    }

    [KubectlFact]
    public async Task Patch_with_a_json_patch_and_a_failing_test_operation()
    {
        Server.Put(KubeResource.Secrets, SecretObject("x", "a", "1"));

        var replaced = await Kubectl.RunAsync("patch", "secret", "x", "--type", "json", "-p", $$"""[{"op":"replace","path":"/data/a","value":"{{Objects.Base64("2")}}"}]""");
        var failed = await Kubectl.RunAsync("patch", "secret", "x", "--type", "json", "-p", """[{"op":"test","path":"/data/a","value":"nope"}]""");

        Assert.Equal("secret/x patched", replaced.Out.Trim());
        Assert.Equal(Objects.Base64("2"), StoredData(KubeResource.Secrets, "x", "a"));
        Assert.Equal(1, failed.Exit);
        Assert.Equal("The request is invalid: the server rejected our request due to an error in our request", failed.Err.Trim());
    }

    [KubectlFact]
    public async Task Get_pods_in_chunks_pages_through_every_namespace()
    {
        var expected = new List<string>();
        foreach (var ns in new[] { "apps", "default", "linkerd" })
            for (var i = 0; i < 3; i++)
            {
                Server.AddPod(ns, $"{ns}-{i}");
                expected.Add($"pod/{ns}-{i}");
            }

        var result = await Kubectl.RunAsync("get", "pods", "-A", "--chunk-size=2", "-o", "name");

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal(expected, result.OutLines);
        var lists = Server.Requests.All.Where(r => r is { Method: "GET", Path: "/api/v1/pods" }).ToList();
        Assert.Equal(5, lists.Count);
        Assert.All(lists, r => Assert.Equal("2", r.QueryValue("limit")));
        Assert.Null(lists[0].QueryValue("continue"));
        Assert.All(lists.Skip(1), r => Assert.False(string.IsNullOrEmpty(r.QueryValue("continue"))));
    }

    [KubectlFact]
    public async Task Get_pods_by_label()
    {
        Server.AddPod("default", "web-1", new Dictionary<string, string> { ["app"] = "web" });
        Server.AddPod("default", "db-1", new Dictionary<string, string> { ["app"] = "db" });
        Server.AddPod("default", "web-2", new Dictionary<string, string> { ["app"] = "web" });

        var result = await Kubectl.RunAsync("get", "pods", "-l", "app=web", "-o", "name");
        var table = await Kubectl.RunAsync("get", "pods", "-l", "app=web");

        Assert.Equal(["pod/web-1", "pod/web-2"], result.OutLines);
        Assert.Equal("app=web", Server.Requests.All.First(r => r.Path == "/api/v1/namespaces/default/pods").QueryValue("labelSelector"));
        Assert.Equal(3, table.OutLines.Length);
        Assert.StartsWith("NAME", table.OutLines[0]);
    }

    [KubectlFact]
    public async Task Replace_with_a_stale_resourceVersion_fails_with_the_Conflict_message()
    {
        Server.Put(KubeResource.Secrets, SecretObject("x", "a", "1"));
        var read = await Kubectl.RunAsync("get", "secret", "x", "-o", "json");
        var file = Kubectl.Write("x.json", read.Out);
        Server.Put(KubeResource.Secrets, SecretObject("x", "a", "changed by someone else"));

        var result = await Kubectl.RunAsync("replace", "-f", file);

        Assert.Equal(1, result.Exit);
        Assert.Equal($"Error from server (Conflict): error when replacing \"{file}\": Operation cannot be fulfilled on secrets \"x\": the object has been modified; please apply your changes to the latest version and try again",
            result.Err.Trim());
    }

    [KubectlFact]
    public async Task Delete_configmap()
    {
        Server.Put(KubeResource.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "linkerd-identity-trust-roots" } });

        var result = await Kubectl.RunAsync("delete", "configmap", "linkerd-identity-trust-roots");

        Assert.Equal("configmap \"linkerd-identity-trust-roots\" deleted", result.Out.Trim());
        Assert.False(Server.TryGet(KubeResource.ConfigMaps, "default", "linkerd-identity-trust-roots", out _));
    }

    [KubectlFact]
    public async Task Get_lease_of_the_coordination_group()
    {
        Server.Put(KubeResource.Leases, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "trust-rotation" },
            ["spec"] = new JsonObject { ["holderIdentity"] = "job-1", ["renewTime"] = "2026-01-02T03:04:05.123456Z" },
        });

        var table = await Kubectl.RunAsync("get", "lease");
        var holder = await Kubectl.RunAsync("get", "leases.coordination.k8s.io", "trust-rotation", "-o", "jsonpath={.spec.holderIdentity}");

        Assert.True(table.Exit == 0, table.Err);
        Assert.StartsWith("trust-rotation", table.OutLines[1]);
        Assert.Equal("job-1", holder.Out);
    }

    [KubectlFact]
    public async Task Create_namespace_sends_protobuf_and_is_understood()
    {
        var result = await Kubectl.RunAsync("create", "namespace", "linkerd");

        Assert.Equal("namespace/linkerd created", result.Out.Trim());
        Assert.True(Server.TryGet(KubeResource.Namespaces, null, "linkerd", out var ns));
        Assert.Equal("Active", ns["status"]!["phase"]!.GetValue<string>());
        Assert.Contains(Server.Requests.All, r => r is { Method: "POST", ContentType: "application/vnd.kubernetes.protobuf", StatusCode: 201 });
    }

    [KubectlFact]
    public async Task Create_secret_and_configmap_from_literals()
    {
        var secret = await Kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=ca.crt=pem", "--from-literal=x=y");
        var configMap = await Kubectl.RunAsync("create", "configmap", "c", "--from-literal=ca-bundle.crt=pem");
        var again = await Kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=a=b");

        Assert.Equal("secret/s created", secret.Out.Trim());
        Assert.Equal(Objects.Base64("pem"), StoredData(KubeResource.Secrets, "s", "ca.crt"));
        Assert.Equal("configmap/c created", configMap.Out.Trim());
        Assert.Equal("pem", StoredData(KubeResource.ConfigMaps, "c", "ca-bundle.crt"));
        Assert.Equal("error: failed to create secret secrets \"s\" already exists", again.Err.Trim());
    }

    [KubectlFact]
    public async Task Rollout_restart_patches_the_pod_template()
    {
        Server.AddPod("default", "web-7d4b9c8f5-abcde", trustAnchorsPem: "PEM");

        var result = await Kubectl.RunAsync("rollout", "restart", "deployment", "web");

        Assert.Equal("deployment.apps/web restarted", result.Out.Trim());
        Assert.True(Server.TryGet(KubeResource.Deployments, "default", "web", out var deployment));
        Assert.NotNull(deployment["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<long>());
    }

    [KubectlFact]
    public async Task A_wrong_token_is_reported_as_a_login_problem()
    {
        using var kubectl = new Kubectl(Server, config => config.Replace(Server.Token, "wrong"));

        var result = await kubectl.RunAsync("get", "secrets");

        Assert.Equal(1, result.Exit);
        Assert.Contains("error: You must be logged in to the server", result.Err);
    }
}
