using System.Net;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

public sealed class CrudTests : ServerTest
{
    [Fact]
    public async Task A_create_answers_201_with_the_fields_the_server_owns()
    {
        var reply = await CreatedAsync(Secrets, Objects.Secret("app", new { x = Objects.Base64("1") }));

        var metadata = reply.Body["metadata"]!;
        Assert.Equal("Secret", reply.Body["kind"]!.GetValue<string>());
        Assert.Equal("v1", reply.Body["apiVersion"]!.GetValue<string>());
        Assert.Equal("default", metadata["namespace"]!.GetValue<string>());
        Assert.True(Guid.TryParse(metadata["uid"]!.GetValue<string>(), out _));
        Assert.Equal("2026-01-02T03:04:05Z", metadata["creationTimestamp"]!.GetValue<string>());
        Assert.True(long.Parse(reply.ResourceVersion!) > 0);
        Assert.Equal("Opaque", reply.Body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_write_advances_the_one_resourceVersion_counter()
    {
        var secret = long.Parse((await CreatedAsync(Secrets, Objects.Secret("a"))).ResourceVersion!);
        var configMap = long.Parse((await CreatedAsync(ConfigMaps, Objects.ConfigMap("b"))).ResourceVersion!);
        var update = long.Parse((await Api.PutAsync($"{Secrets}/a", Objects.Secret("a", new { k = "dg==" }))).ResourceVersion!);
        await Api.DeleteAsync($"{ConfigMaps}/b");
        var list = long.Parse((await Api.GetAsync(Secrets)).ResourceVersion!);

        Assert.True(secret < configMap && configMap < update && update < list, $"{secret} {configMap} {update} {list}");
        Assert.Equal(list, Server.ResourceVersion);
    }

    [Fact]
    public async Task A_missing_object_is_a_NotFound_Status_worded_as_the_real_server_words_it()
    {
        var reply = await Api.GetAsync($"{Secrets}/x");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        JsonAssert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"secrets \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"secrets"},"code":404}""", reply.Body);
    }

    [Fact]
    public async Task A_NotFound_in_a_named_group_names_the_group()
    {
        var reply = await Api.GetAsync($"{Leases}/x");

        Assert.Equal("leases.coordination.k8s.io \"x\" not found", reply.Message);
        Assert.Equal("coordination.k8s.io", reply.Body["details"]!["group"]!.GetValue<string>());
        Assert.Equal("leases", reply.Body["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_a_name_twice_is_AlreadyExists()
    {
        await CreatedAsync(Secrets, Objects.Secret("x"));

        var reply = await Api.PostAsync(Secrets, Objects.Secret("x"));

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("AlreadyExists", reply.Reason);
        Assert.Equal("secrets \"x\" already exists", reply.Message);
    }

    [Fact]
    public async Task A_put_with_the_current_resourceVersion_succeeds_and_a_stale_one_conflicts()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x"));
        var first = created.ResourceVersion!;

        var update = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "YQ==" }, resourceVersion: first));
        var stale = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "Yg==" }, resourceVersion: first));

        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.NotEqual(first, update.ResourceVersion);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal("Conflict", stale.Reason);
        Assert.Equal("Operation cannot be fulfilled on secrets \"x\": the object has been modified; please apply your changes to the latest version and try again", stale.Message);
        Assert.Equal("YQ==", (await Api.GetAsync($"{Secrets}/x")).Body["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_put_without_a_resourceVersion_is_unconditional()
    {
        await CreatedAsync(Secrets, Objects.Secret("x"));
        await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "YQ==" }));

        var reply = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "Yg==" }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("Yg==", reply.Body["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_put_of_a_missing_object_is_NotFound()
    {
        var reply = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x"));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("secrets \"x\" not found", reply.Message);
    }

    [Fact]
    public async Task A_put_whose_body_names_another_object_is_a_BadRequest()
    {
        await CreatedAsync(Secrets, Objects.Secret("x"));

        var reply = await Api.PutAsync($"{Secrets}/x", Objects.Secret("y"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("the name of the object (y) does not match the name on the URL (x)", reply.Message);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_resourceVersion()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==" }));

        var same = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "YQ==" }, resourceVersion: created.ResourceVersion));

        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Equal(created.ResourceVersion, same.ResourceVersion);
    }

    [Fact]
    public async Task The_server_keeps_uid_and_creationTimestamp_whatever_an_update_says()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x"));
        Clock.Advance(TimeSpan.FromHours(1));
        var body = JsonNode.Parse(Objects.Secret("x", new { a = "YQ==" }))!;
        body["metadata"]!["creationTimestamp"] = "2020-01-01T00:00:00Z";

        var updated = await Api.PutAsync($"{Secrets}/x", body.ToJsonString());

        Assert.Equal(created.Body["metadata"]!["uid"]!.GetValue<string>(), updated.Body["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", updated.Body["metadata"]!["creationTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delete_answers_a_Success_Status_and_the_object_is_gone()
    {
        var created = await CreatedAsync(ConfigMaps, Objects.ConfigMap("x"));

        var reply = await Api.DeleteAsync($"{ConfigMaps}/x");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("Success", reply.Body["status"]!.GetValue<string>());
        Assert.Equal("x", reply.Body["details"]!["name"]!.GetValue<string>());
        Assert.Equal("configmaps", reply.Body["details"]!["kind"]!.GetValue<string>());
        Assert.Equal(created.Body["metadata"]!["uid"]!.GetValue<string>(), reply.Body["details"]!["uid"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"{ConfigMaps}/x")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.DeleteAsync($"{ConfigMaps}/x")).Status);
    }

    [Fact]
    public async Task A_delete_with_a_stale_resourceVersion_precondition_conflicts()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x"));
        await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "YQ==" }));

        var reply = await Api.DeleteAsync($"{Secrets}/x", $$$"""{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"resourceVersion":"{{{created.ResourceVersion}}}"}}""");

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.StartsWith($"Operation cannot be fulfilled on secrets \"x\": Precondition failed: ResourceVersion in precondition: {created.ResourceVersion}, ResourceVersion in object meta: ", reply.Message);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"{Secrets}/x")).Status);
    }

    [Fact]
    public async Task A_delete_with_another_uid_precondition_conflicts_and_with_the_right_one_deletes()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x"));
        var uid = created.Body["metadata"]!["uid"]!.GetValue<string>();

        var wrong = await Api.DeleteAsync($"{Secrets}/x", """{"preconditions":{"uid":"00000000-0000-0000-0000-000000000000"}}""");
        var right = await Api.DeleteAsync($"{Secrets}/x", $$$"""{"preconditions":{"uid":"{{{uid}}}","resourceVersion":"{{{created.ResourceVersion}}}"}}""");

        Assert.Equal(HttpStatusCode.Conflict, wrong.Status);
        Assert.Contains($"Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, UID in object meta: {uid}", wrong.Message);
        Assert.Equal(HttpStatusCode.OK, right.Status);
    }

    [Fact]
    public async Task Creating_in_a_namespace_that_does_not_exist_is_NotFound_for_the_namespace()
    {
        var reply = await Api.PostAsync("/api/v1/namespaces/nope/secrets", Objects.Secret("x"));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("namespaces \"nope\" not found", reply.Message);
    }

    [Fact]
    public async Task A_body_for_another_namespace_than_the_path_is_a_BadRequest()
    {
        var body = JsonNode.Parse(Objects.Secret("x"))!;
        body["metadata"]!["namespace"] = "kube-system";

        var reply = await Api.PostAsync(Secrets, body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("the namespace of the provided object does not match the namespace sent on the request", reply.Message);
    }

    [Fact]
    public async Task Namespaces_are_cluster_scoped_and_new_ones_are_Active()
    {
        var created = await CreatedAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"linkerd"}}""");
        var got = await Api.GetAsync("/api/v1/namespaces/linkerd");
        var list = await Api.GetAsync("/api/v1/namespaces");

        Assert.Null(created.Body["metadata"]!["namespace"]);
        Assert.Equal("Active", got.Body["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system", "linkerd"], list.ItemNames);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v1/namespaces/linkerd/secrets", Objects.Secret("x"))).Status);
    }

    [Theory]
    [InlineData("/api/v1/namespaces", """{"metadata":{"name":"a.b"}}""", "Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": a lowercase RFC 1123 label must consist of")]
    [InlineData(Secrets, """{"metadata":{"name":"Bad_Name"}}""", "Secret \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of")]
    [InlineData(Secrets, """{"metadata":{}}""", "Secret \"\" is invalid: metadata.name: Required value: name or generateName is required")]
    [InlineData(Secrets, """{"metadata":{"name":"x","labels":{"a":"not valid!"}}}""", "Secret \"x\" is invalid: metadata.labels: Invalid value: \"not valid!\": a valid label must be")]
    public async Task Names_and_labels_are_checked_as_apimachinery_checks_them(string collection, string body, string messageStart)
    {
        var reply = await Api.PostAsync(collection, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("Invalid", reply.Reason);
        Assert.StartsWith(messageStart, reply.Message);
        Assert.StartsWith("metadata.", Assert.Single(reply.Causes).Field);
    }

    [Fact]
    public async Task GenerateName_gets_five_random_characters()
    {
        var reply = await CreatedAsync(Secrets, """{"metadata":{"generateName":"rotation-"}}""");

        Assert.Matches("^rotation-[bcdfghjklmnpqrstvwxz2456789]{5}$", reply.Body["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_create_that_carries_a_resourceVersion_fails_as_the_real_storage_layer_fails_it()
    {
        var reply = await Api.PostAsync(Secrets, Objects.Secret("x", resourceVersion: "5"));

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("resourceVersion should not be set on objects to be created", reply.Message);
    }

    [Fact]
    public async Task Generation_counts_changes_outside_metadata_and_status()
    {
        const string deployment = """{"metadata":{"name":"web"},"spec":{"replicas":1}}""";
        var created = await CreatedAsync(Deployments, deployment);
        var labelled = await Api.PatchAsync($"{Deployments}/web", """{"metadata":{"labels":{"a":"b"}}}""");
        var scaled = await Api.PatchAsync($"{Deployments}/web", """{"spec":{"replicas":2}}""");

        Assert.Equal(1, created.Body["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(1, labelled.Body["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, scaled.Body["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Fields_the_server_does_not_know_are_kept()
    {
        var reply = await CreatedAsync(ConfigMaps, """{"metadata":{"name":"x"},"data":{"a":"b"},"extra":{"kept":true}}""");

        Assert.True(reply.Body["extra"]!["kept"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/widgets")]
    [InlineData("/apis/cert-manager.io/v1/namespaces/default/certificates/x")]
    [InlineData("/apis/nope.example.com/v1/things")]
    [InlineData("/api/v1/namespaces/default/secrets/x/status")]
    public async Task A_path_the_server_does_not_serve_is_the_real_servers_bare_404(string path)
    {
        var reply = await Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        JsonAssert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}""", reply.Body);
    }

    [Fact]
    public async Task Watches_and_dry_runs_are_refused_rather_than_silently_misserved()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync($"{Secrets}?watch=true")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync($"{Secrets}?dryRun=All", Objects.Secret("x"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"{Secrets}/x")).Status);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_BadRequest_and_an_unknown_media_type_is_415()
    {
        var broken = await Api.PostAsync(Secrets, "{not json");
        var yaml = await Api.SendAsync(HttpMethod.Post, Leases, "metadata: {name: x}", "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, yaml.Status);
        Assert.Equal("UnsupportedMediaType", yaml.Reason);
    }
}

public sealed class AuthenticationTests : ServerTest
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_request_without_the_token_is_Unauthorized(string? header)
    {
        var reply = await Api.GetWithAuthorizationAsync($"{Secrets}", header);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        JsonAssert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","details":{},"code":401}""", reply.Body);
    }

    [Fact]
    public async Task The_bearer_scheme_is_matched_without_regard_to_case()
    {
        var reply = await Api.GetWithAuthorizationAsync("/version", "bearer " + Server.Token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task Every_path_needs_the_token_even_discovery()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetWithAuthorizationAsync("/version", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetWithAuthorizationAsync("/apis", null)).Status);
    }
}

public sealed class CertManagerTests : ServerTest
{
    protected override FakeApiOptions Options => base.Options with { ServeCertManager = true };

    [Fact]
    public async Task Certificates_are_served_when_the_options_ask_for_them()
    {
        const string certificates = "/apis/cert-manager.io/v1/namespaces/linkerd/certificates";
        Server.Put(KubeResource.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "linkerd" } });

        var created = await CreatedAsync(certificates, """{"metadata":{"name":"linkerd-identity-issuer"},"spec":{"secretName":"linkerd-identity-issuer","isCA":true}}""");
        var groups = await Api.GetAsync("/apis");

        Assert.Equal("cert-manager.io/v1", created.Body["apiVersion"]!.GetValue<string>());
        Assert.Equal(1, created.Body["metadata"]!["generation"]!.GetValue<long>());
        Assert.Contains("cert-manager.io", groups.Body["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
    }
}
