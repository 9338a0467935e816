using System.Net;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

public sealed class SecretAndConfigMapTests : ServerTest
{
    [Fact]
    public async Task StringData_is_merged_into_data_base64_encoded_and_never_stored()
    {
        var created = await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==" }, stringData: new { a = "over", b = "new" }));
        var got = await Api.GetAsync($"{Secrets}/x");

        Assert.Equal($$"""{"a":"{{Objects.Base64("over")}}","b":"{{Objects.Base64("new")}}"}""", created.Body["data"]!.ToJsonString());
        Assert.Null(created.Body["stringData"]);
        Assert.Null(got.Body["stringData"]);
        Assert.Equal(created.Body["data"]!.ToJsonString(), got.Body["data"]!.ToJsonString());
    }

    [Theory]
    [InlineData("not base64!", 3)]
    [InlineData("YWJj ZA==", 4)]
    [InlineData("YWJ", 0)]
    public async Task Data_that_is_not_base64_fails_to_decode_as_the_real_server_fails_it(string value, int badByte)
    {
        var reply = await Api.PostAsync(Secrets, Objects.Secret("x", new { a = value }));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("BadRequest", reply.Reason);
        Assert.Equal($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte {badByte}", reply.Message);
    }

    [Fact]
    public async Task The_type_of_a_secret_cannot_change()
    {
        await CreatedAsync(Secrets, Objects.Secret("x", new { tls_crt = "YQ==", tls_key = "Yg==" }, type: "kubernetes.io/tls"));

        var reply = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { tls_crt = "YQ==", tls_key = "Yg==" }, type: "Opaque"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("Secret \"x\" is invalid: type: Invalid value: \"Opaque\": field is immutable", reply.Message);
        Assert.Equal(("type", "FieldValueInvalid", "Invalid value: \"Opaque\": field is immutable"), Assert.Single(reply.Causes));
    }

    [Fact]
    public async Task A_tls_secret_needs_both_keys()
    {
        var reply = await Api.PostAsync(Secrets, Objects.Secret("x", new { ca_crt = "YQ==" }, type: "kubernetes.io/tls"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("Secret \"x\" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]", reply.Message);
        Assert.Equal([("data[tls.crt]", "FieldValueRequired"), ("data[tls.key]", "FieldValueRequired")], reply.Causes.Select(c => (c.Field, c.Reason)));
    }

    [Fact]
    public async Task A_tls_secret_with_both_keys_is_created()
    {
        var reply = await Api.PostAsync(Secrets, Objects.Secret("x", new { tls_crt = "YQ==", tls_key = "Yg==", ca_crt = "Yw==" }, type: "kubernetes.io/tls"));

        Assert.Equal(HttpStatusCode.Created, reply.Status);
    }

    [Fact]
    public async Task An_immutable_secret_keeps_its_data_but_its_metadata_may_change()
    {
        await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==" }, immutable: true));

        var data = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "Yg==" }, immutable: true));
        var stringData = await Api.PatchAsync($"{Secrets}/x", """{"stringData":{"b":"c"}}""");
        var unset = await Api.PatchAsync($"{Secrets}/x", """{"immutable":false}""");
        var labels = await Api.PatchAsync($"{Secrets}/x", """{"metadata":{"labels":{"a":"b"}}}""");

        Assert.Equal("Secret \"x\" is invalid: data: Forbidden: field is immutable when `immutable` is set", data.Message);
        Assert.Equal(("data", "FieldValueForbidden"), stringData.Causes.Select(c => (c.Field, c.Reason)).Single());
        Assert.Equal(("immutable", "FieldValueForbidden"), unset.Causes.Select(c => (c.Field, c.Reason)).Single());
        Assert.Equal(HttpStatusCode.OK, labels.Status);
    }

    [Fact]
    public async Task Secret_data_may_hold_one_MiB_and_no_more()
    {
        var full = Convert.ToBase64String(new byte[1024 * 1024]);
        var over = Convert.ToBase64String(new byte[1024 * 1024 + 1]);

        var fits = await Api.PostAsync(Secrets, Objects.Secret("fits", new { a = full }));
        var tooBig = await Api.PostAsync(Secrets, Objects.Secret("big", new { a = over }));

        Assert.Equal(HttpStatusCode.Created, fits.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooBig.Status);
        Assert.Equal(("data", "FieldValueTooLong", "Too long: must have at most 1048576 bytes"), Assert.Single(tooBig.Causes));
    }

    [Fact]
    public async Task Data_keys_must_be_config_keys()
    {
        var reply = await Api.PostAsync(Secrets, Objects.Secret("x", new Dictionary<string, string> { ["bad key"] = "YQ==" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("data[bad key]", Assert.Single(reply.Causes).Field);
    }

    [Fact]
    public async Task A_configmap_may_not_have_a_key_in_both_data_and_binaryData()
    {
        var reply = await Api.PostAsync(ConfigMaps, Objects.ConfigMap("x", new { ca_crt = "pem", other = "1" }, new { ca_crt = "YQ==" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("ConfigMap \"x\" is invalid: data[ca.crt]: Invalid value: \"ca.crt\": duplicate of key present in binaryData", reply.Message);
    }

    [Fact]
    public async Task Configmap_binaryData_must_be_base64_and_data_must_be_strings()
    {
        var binary = await Api.PostAsync(ConfigMaps, Objects.ConfigMap("x", binaryData: new { a = "%%%" }));
        var number = await Api.PostAsync(ConfigMaps, """{"metadata":{"name":"y"},"data":{"a":1}}""");

        Assert.Equal(HttpStatusCode.BadRequest, binary.Status);
        Assert.StartsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: illegal base64 data", binary.Message);
        Assert.Equal(HttpStatusCode.BadRequest, number.Status);
    }

    [Fact]
    public async Task An_immutable_configmap_keeps_data_and_binaryData()
    {
        await CreatedAsync(ConfigMaps, """{"metadata":{"name":"x"},"data":{"a":"1"},"immutable":true}""");

        var reply = await Api.PatchAsync($"{ConfigMaps}/x", """{"binaryData":{"b":"YQ=="}}""");

        Assert.Equal(("binaryData", "FieldValueForbidden"), reply.Causes.Select(c => (c.Field, c.Reason)).Single());
    }
}
