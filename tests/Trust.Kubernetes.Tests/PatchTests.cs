using System.Net;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

public sealed class PatchTests : ServerTest
{
    [Fact]
    public async Task A_merge_patch_adds_replaces_and_deletes_with_null()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==", b = "Yg==" }));

        var reply = await Api.PatchAsync($"{Secrets}/x", """{"data":{"a":null,"b":"Qg==","c":"Yw=="},"metadata":{"labels":{"rotated":"yes"}}}""");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("""{"b":"Qg==","c":"Yw=="}""", reply.Body["data"]!.ToJsonString());
        Assert.Equal("yes", reply.Body["metadata"]!["labels"]!["rotated"]!.GetValue<string>());
        Assert.True(long.Parse(reply.ResourceVersion!) > long.Parse(created.ResourceVersion!));
    }

    [Fact]
    public async Task A_merge_patch_carrying_a_resourceVersion_is_conditional_on_it()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x"));
        var first = await Api.PatchAsync($"{Secrets}/x", $$$"""{"metadata":{"resourceVersion":"{{{created.ResourceVersion}}}"},"data":{"a":"YQ=="}}""");

        var stale = await Api.PatchAsync($"{Secrets}/x", $$$"""{"metadata":{"resourceVersion":"{{{created.ResourceVersion}}}"},"data":{"a":"Yg=="}}""");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal("Operation cannot be fulfilled on secrets \"x\": the object has been modified; please apply your changes to the latest version and try again", stale.Message);
    }

    [Fact]
    public async Task Patching_a_missing_object_is_NotFound()
    {
        var reply = await Api.PatchAsync($"{Secrets}/x", """{"data":{}}""");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Fact]
    public async Task A_strategic_merge_patch_merges_containers_by_name()
    {
        await CreatedAsync(Deployments, """
            {"metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"app:1","ports":[{"containerPort":80}]},
              {"name":"linkerd-proxy","image":"proxy:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}}
            """);

        var reply = await Api.PatchAsync($"{Deployments}/web", """
            {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-02T03:04:05Z"}},"spec":{
              "$setElementOrder/containers":[{"name":"app"},{"name":"linkerd-proxy"}],
              "containers":[{"name":"linkerd-proxy","image":"proxy:2","env":[{"name":"A","$patch":"delete"}]}]}}}}
            """, Api.StrategicMergePatch);

        var template = reply.Body["spec"]!["template"]!;
        var containers = template["spec"]!["containers"]!.AsArray();
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["app", "linkerd-proxy"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("app:1", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal(80, containers[0]!["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal("proxy:2", containers[1]!["image"]!.GetValue<string>());
        Assert.Equal("""[{"name":"B","value":"2"}]""", containers[1]!["env"]!.ToJsonString());
        Assert.Equal("2026-01-02T03:04:05Z", template["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]!.GetValue<string>());
        Assert.Equal(2, reply.Body["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_strategic_merge_patch_replaces_lists_without_a_merge_key_and_honours_patch_replace()
    {
        await CreatedAsync(ConfigMaps, """{"metadata":{"name":"x","annotations":{"a":"1","b":"2"}},"data":{"k":"v"}}""");

        var reply = await Api.PatchAsync($"{ConfigMaps}/x", """{"metadata":{"annotations":{"$patch":"replace","c":"3"}},"data":{"k":null}}""", Api.StrategicMergePatch);

        Assert.Equal("""{"c":"3"}""", reply.Body["metadata"]!["annotations"]!.ToJsonString());
        Assert.Equal("{}", reply.Body["data"]!.ToJsonString());
    }

    [Fact]
    public async Task A_json_patch_adds_replaces_removes_and_tests()
    {
        await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==" }));

        var reply = await Api.PatchAsync($"{Secrets}/x", """
            [{"op":"test","path":"/data/a","value":"YQ=="},
             {"op":"add","path":"/data/b","value":"Yg=="},
             {"op":"replace","path":"/data/a","value":"QQ=="},
             {"op":"add","path":"/metadata/labels","value":{"x~y/z":"1"}},
             {"op":"remove","path":"/metadata/labels/x~0y~1z"}]
            """, Api.JsonPatch);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("""{"a":"QQ==","b":"Yg=="}""", reply.Body["data"]!.ToJsonString());
        Assert.Equal("{}", reply.Body["metadata"]!["labels"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/data/a","value":"nope"}]""")]
    [InlineData("""[{"op":"remove","path":"/data/missing"}]""")]
    [InlineData("""[{"op":"replace","path":"/nothing/here","value":1}]""")]
    public async Task A_json_patch_that_does_not_apply_is_Invalid_with_the_real_servers_generic_message(string patch)
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==" }));

        var reply = await Api.PatchAsync($"{Secrets}/x", patch, Api.JsonPatch);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("Invalid", reply.Reason);
        Assert.Equal("the server rejected our request due to an error in our request", reply.Message);
        Assert.Equal(created.ResourceVersion, (await Api.GetAsync($"{Secrets}/x")).ResourceVersion);
    }

    [Fact]
    public async Task A_json_patch_that_is_not_a_list_of_operations_is_a_BadRequest()
    {
        await CreatedAsync(Secrets, Objects.Secret("x"));

        var reply = await Api.PatchAsync($"{Secrets}/x", """{"op":"add"}""", Api.JsonPatch);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Fact]
    public async Task Server_side_apply_is_not_implemented_and_says_so_with_415()
    {
        await CreatedAsync(Secrets, Objects.Secret("x"));

        var reply = await Api.PatchAsync($"{Secrets}/x?fieldManager=trust", Objects.Secret("x"), "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
        Assert.Equal("UnsupportedMediaType", reply.Reason);
    }

    [Fact]
    public async Task A_patch_whose_result_does_not_decode_is_Invalid_on_the_patch_field()
    {
        await CreatedAsync(Secrets, Objects.Secret("x"));

        var reply = await Api.PatchAsync($"{Secrets}/x", """{"data":{"a":"not base64!"}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        var cause = Assert.Single(reply.Causes);
        Assert.Equal("patch", cause.Field);
        Assert.Contains("illegal base64 data at input byte 3", cause.Message);
    }

    [Fact]
    public async Task StringData_in_a_patch_lands_in_data()
    {
        await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==" }));

        var reply = await Api.PatchAsync($"{Secrets}/x", """{"stringData":{"ca.crt":"-----BEGIN CERTIFICATE-----"}}""");

        Assert.Equal(Objects.Base64("-----BEGIN CERTIFICATE-----"), reply.Body["data"]!["ca.crt"]!.GetValue<string>());
        Assert.Null(reply.Body["stringData"]);
    }
}
