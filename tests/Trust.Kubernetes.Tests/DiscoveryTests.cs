using System.Net;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

public sealed class DiscoveryTests : ServerTest
{
    [Fact]
    public async Task Version_reports_a_version_info()
    {
        var reply = await Api.GetAsync("/version");

        Assert.Equal("v1.32.0-fake", reply.Body["gitVersion"]!.GetValue<string>());
        Assert.Equal(("1", "32"), (reply.Body["major"]!.GetValue<string>(), reply.Body["minor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_core_group_lists_its_resources_as_kubectl_needs_them()
    {
        var versions = await Api.GetAsync("/api");
        var list = await Api.GetAsync("/api/v1");

        Assert.Equal("""["v1"]""", versions.Body["versions"]!.ToJsonString());
        var resources = list.Body["resources"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!.AsObject());
        Assert.Equal(["namespaces", "secrets", "configmaps", "pods", "events"], resources.Keys);
        Assert.False(resources["namespaces"]["namespaced"]!.GetValue<bool>());
        Assert.True(resources["secrets"]["namespaced"]!.GetValue<bool>());
        Assert.Equal("ConfigMap", resources["configmaps"]["kind"]!.GetValue<string>());
        Assert.Equal("configmap", resources["configmaps"]["singularName"]!.GetValue<string>());
        Assert.Equal("""["cm"]""", resources["configmaps"]["shortNames"]!.ToJsonString());
        Assert.Equal("""["po"]""", resources["pods"]["shortNames"]!.ToJsonString());
        Assert.Equal("""["ns"]""", resources["namespaces"]["shortNames"]!.ToJsonString());
        Assert.Equal("""["create","delete","get","list","patch","update"]""", resources["secrets"]["verbs"]!.ToJsonString());
    }

    [Fact]
    public async Task The_named_groups_are_listed_without_cert_manager_unless_asked()
    {
        var groups = await Api.GetAsync("/apis");
        var apps = await Api.GetAsync("/apis/apps");
        var appsV1 = await Api.GetAsync("/apis/apps/v1");

        Assert.Equal(["coordination.k8s.io", "events.k8s.io", "apps"], groups.Body["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
        Assert.Equal("apps/v1", apps.Body["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        Assert.Equal("APIGroup", apps.Body["kind"]!.GetValue<string>());
        Assert.Equal(["deployments", "statefulsets", "daemonsets", "replicasets"], appsV1.Body["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/apis/cert-manager.io")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/apis/cert-manager.io/v1")).Status);
    }

    [Fact]
    public async Task OpenApi_documents_are_empty_stubs()
    {
        using var client = Server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "openapi/v2");
        request.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        using var protobuf = await client.SendAsync(request);

        var json = await Api.GetAsync("/openapi/v2");
        var v3 = await Api.GetAsync("/openapi/v3");

        Assert.Equal(HttpStatusCode.OK, protobuf.StatusCode);
        Assert.Empty(await protobuf.Content.ReadAsByteArrayAsync());
        Assert.Equal("2.0", json.Body["swagger"]!.GetValue<string>());
        Assert.Equal("{}", v3.Body["paths"]!.ToJsonString());
    }

    [Fact]
    public async Task Discovery_answers_only_GET()
    {
        var reply = await Api.PostAsync("/api/v1", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
    }
}
