using System.Net;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

public sealed class ListTests : ServerTest
{
    [Fact]
    public async Task A_list_of_1001_items_comes_in_pages_linked_by_continue_tokens()
    {
        for (var i = 0; i < 1001; i++)
            Server.Put(KubeResource.Secrets, new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"s-{i:D4}", ["namespace"] = "default" } });

        var first = await Api.GetAsync($"{Secrets}?limit=500");
        var listVersion = first.ResourceVersion;
        Server.Put(KubeResource.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "written-between-pages" } });
        var second = await Api.GetAsync($"{Secrets}?limit=500&continue={Uri.EscapeDataString(first.Body["metadata"]!["continue"]!.GetValue<string>())}");
        var third = await Api.GetAsync($"{Secrets}?limit=500&continue={Uri.EscapeDataString(second.Body["metadata"]!["continue"]!.GetValue<string>())}");

        Assert.Equal([500, 500, 1], new[] { first, second, third }.Select(p => p.Items.Count));
        Assert.Equal(501, first.Body["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Equal(1, second.Body["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Null(third.Body["metadata"]!["continue"]);
        Assert.Null(third.Body["metadata"]!["remainingItemCount"]);
        Assert.Equal(listVersion, second.ResourceVersion);
        Assert.Equal(listVersion, third.ResourceVersion);
        Assert.Equal(Enumerable.Range(0, 1001).Select(i => $"s-{i:D4}"), first.ItemNames.Concat(second.ItemNames).Concat(third.ItemNames));
        Assert.Equal("SecretList", first.Body["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_list_that_fits_in_the_limit_has_no_continue()
    {
        Server.AddPod("default", "a");

        var reply = await Api.GetAsync("/api/v1/namespaces/default/pods?limit=2");

        Assert.Single(reply.Items);
        Assert.Null(reply.Body["metadata"]!["continue"]);
    }

    [Fact]
    public async Task Pods_across_namespaces_are_listed_in_namespace_then_name_order()
    {
        Server.AddPod("kube-system", "b");
        Server.AddPod("default", "z");
        Server.AddPod("apps", "a");
        Server.AddPod("default", "c");

        var all = await Api.GetAsync("/api/v1/pods");
        var one = await Api.GetAsync("/api/v1/namespaces/default/pods");

        Assert.Equal(["apps/a", "default/c", "default/z", "kube-system/b"], all.Items.Select(i => $"{i!["metadata"]!["namespace"]}/{i["metadata"]!["name"]}"));
        Assert.Equal(["c", "z"], one.ItemNames);
        Assert.Equal("PodList", all.Body["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_continue_token_that_is_not_the_servers_is_a_BadRequest()
    {
        var reply = await Api.GetAsync($"{Secrets}?limit=1&continue=bm90LWEtdG9rZW4=");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Fact]
    public async Task A_negative_limit_is_a_BadRequest()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync($"{Secrets}?limit=-1")).Status);
    }

    [Fact]
    public async Task Selectors_and_pages_combine()
    {
        for (var i = 0; i < 6; i++) Server.AddPod("default", $"p{i}", new Dictionary<string, string> { ["even"] = (i % 2 == 0).ToString() });

        var (pages, names) = await Api.PageThroughAsync("/api/v1/namespaces/default/pods?labelSelector=even%3DTrue", limit: 2);

        Assert.All(pages, page => Assert.Null(page.Body["metadata"]!["remainingItemCount"]));
        Assert.Equal(["p0", "p2", "p4"], names);
        Assert.Equal(2, pages.Count);
    }
}

/// <summary>Read-only selector cases over one server with four labelled pods.</summary>
public sealed class SelectorTests(SelectorTests.Pods pods) : IClassFixture<SelectorTests.Pods>
{
    public sealed class Pods : SharedServer
    {
        protected override void Arrange(FakeApiServer server)
        {
            server.AddPod("default", "a", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" });
            server.AddPod("default", "b", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" }, phase: "Pending");
            server.AddPod("default", "c", new Dictionary<string, string> { ["app"] = "db", ["n"] = "7" }, phase: "Failed");
            server.AddPod("default", "d", trustAnchorsPem: "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        }
    }

    [Theory]
    [InlineData("", "a b c d")]
    [InlineData("app=web", "a b")]
    [InlineData("app==web", "a b")]
    [InlineData("app!=web", "c d")]
    [InlineData("tier", "a b")]
    [InlineData("!tier", "c d")]
    [InlineData("tier in (front, x)", "a")]
    [InlineData("tier notin (front)", "b c d")]
    [InlineData("app=web,tier=back", "b")]
    [InlineData("app in (web,db),!tier", "c")]
    [InlineData("n>5", "c")]
    [InlineData("n<5", "")]
    [InlineData("linkerd.io/control-plane-ns=linkerd", "d")]
    [InlineData("app=", "")]
    public async Task Label_selectors_select_as_apimachinery_does(string selector, string expected)
    {
        var reply = await pods.Api.GetAsync($"/api/v1/namespaces/default/pods?labelSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(expected, string.Join(' ', reply.ItemNames));
    }

    [Theory]
    [InlineData("app in (web")]
    [InlineData("app=web,")]
    [InlineData("n>x")]
    [InlineData("=web")]
    public async Task A_malformed_label_selector_is_a_BadRequest(string selector)
    {
        var reply = await pods.Api.GetAsync($"/api/v1/namespaces/default/pods?labelSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("unable to parse requirement", reply.Message);
    }

    [Theory]
    [InlineData("metadata.name=b", "b")]
    [InlineData("metadata.name==b", "b")]
    [InlineData("metadata.name!=b", "a c d")]
    [InlineData("status.phase=Running", "a d")]
    [InlineData("status.phase!=Running", "b c")]
    [InlineData("status.phase!=Running,metadata.name!=c", "b")]
    [InlineData("metadata.namespace=default", "a b c d")]
    [InlineData("spec.nodeName=", "a b c d")]
    public async Task Field_selectors_select_on_the_indexed_fields(string selector, string expected)
    {
        var reply = await pods.Api.GetAsync($"/api/v1/pods?fieldSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(expected, string.Join(' ', reply.ItemNames));
    }

    [Fact]
    public async Task A_field_the_server_does_not_index_is_a_BadRequest()
    {
        var reply = await pods.Api.GetAsync("/api/v1/pods?fieldSelector=spec.hostname%3Dx");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("field label not supported: spec.hostname", reply.Message);
    }
}
