using System.Net;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

public sealed class LeaseAndEventTests : ServerTest
{
    private const string MicroTime = "2026-01-02T03:04:05.123456Z";

    [Theory]
    [InlineData(MicroTime)]
    [InlineData("2026-01-02T03:04:05.123456+02:00")]
    public async Task A_lease_with_six_fractional_digits_is_stored_as_sent(string time)
    {
        var reply = await CreatedAsync(Leases, Objects.Lease("rotation", acquireTime: time, renewTime: time));

        Assert.Equal(time, reply.Body["spec"]!["renewTime"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2026-01-02T03:04:05.1234567Z")]
    [InlineData("2026-01-02T03:04:05.123Z")]
    [InlineData("2026-01-02T03:04:05Z")]
    [InlineData("2026-01-02T03:04:05.123456")]
    [InlineData("2026-13-02T03:04:05.123456Z")]
    public async Task A_lease_time_that_is_not_a_MicroTime_fails_to_decode(string time)
    {
        var reply = await Api.PostAsync(Leases, Objects.Lease("rotation", renewTime: time));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith($"Lease in version \"v1\" cannot be handled as a Lease: parsing time \"{time}\" as \"2006-01-02T15:04:05.000000Z07:00\"", reply.Message);
    }

    [Fact]
    public async Task A_seven_digit_time_is_refused_in_a_put_and_in_a_patch()
    {
        var created = await CreatedAsync(Leases, Objects.Lease("rotation", acquireTime: MicroTime, renewTime: MicroTime));

        var put = await Api.PutAsync($"{Leases}/rotation", Objects.Lease("rotation", renewTime: "2026-01-02T03:04:06.1234567Z"));
        var patch = await Api.PatchAsync($"{Leases}/rotation", """{"spec":{"renewTime":"2026-01-02T03:04:06.1234567Z"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch.Status);
        Assert.Equal("patch", Assert.Single(patch.Causes).Field);
        Assert.Equal(created.ResourceVersion, (await Api.GetAsync($"{Leases}/rotation")).ResourceVersion);
    }

    [Fact]
    public async Task A_lease_needs_a_positive_duration()
    {
        var reply = await Api.PostAsync(Leases, Objects.Lease("rotation", durationSeconds: 0));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("Lease.coordination.k8s.io \"rotation\" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0", reply.Message);
    }

    [Fact]
    public async Task The_lease_lock_protocol_of_client_go_works_against_it()
    {
        // GET (404), POST, PUT with the read version, and a competing PUT with the same version loses.
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"{Leases}/rotation")).Status);
        var created = await CreatedAsync(Leases, Objects.Lease("rotation", acquireTime: MicroTime, renewTime: MicroTime));
        var lease = JsonNode.Parse(Objects.Lease("rotation", acquireTime: MicroTime, renewTime: "2026-01-02T03:04:15.000000Z"))!;
        lease["metadata"]!["resourceVersion"] = created.ResourceVersion;

        var renewed = await Api.PutAsync($"{Leases}/rotation", lease.ToJsonString());
        lease["spec"]!["holderIdentity"] = "job-2";
        var stolen = await Api.PutAsync($"{Leases}/rotation", lease.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, renewed.Status);
        Assert.Equal(HttpStatusCode.Conflict, stolen.Status);
        Assert.Equal("Operation cannot be fulfilled on leases.coordination.k8s.io \"rotation\": the object has been modified; please apply your changes to the latest version and try again", stolen.Message);
    }

    [Fact]
    public async Task A_complete_events_v1_event_is_created()
    {
        var reply = await CreatedAsync(EventsV1, Objects.EventV1("rotation.1"));

        Assert.Equal("events.k8s.io/v1", reply.Body["apiVersion"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> BadEvents => new()
    {
        { """{"eventTime":null}""", "eventTime", "FieldValueRequired" },
        { """{"type":"Info"}""", "type", "FieldValueInvalid" },
        { """{"reportingController":""}""", "reportingController", "FieldValueRequired" },
        { """{"reportingController":"not/a/name"}""", "reportingController", "FieldValueInvalid" },
        { """{"reportingInstance":""}""", "reportingInstance", "FieldValueRequired" },
        { $$"""{"reportingInstance":"{{new string('i', 129)}}"}""", "reportingInstance", "FieldValueInvalid" },
        { """{"action":null}""", "action", "FieldValueRequired" },
        { """{"reason":""}""", "reason", "FieldValueRequired" },
        { $$"""{"reason":"{{new string('r', 129)}}"}""", "reason", "FieldValueInvalid" },
        { $$"""{"note":"{{new string('n', 1025)}}"}""", "note", "FieldValueInvalid" },
        { """{"regarding":{"kind":"Secret","namespace":"linkerd","name":"x"}}""", "involvedObject.namespace", "FieldValueInvalid" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task An_events_v1_event_is_checked_strictly(string change, string field, string reason)
    {
        var patch = JsonNode.Parse(change)!.AsObject();
        var body = Objects.EventV1("rotation.1", change: ev =>
        {
            foreach (var (key, value) in patch.ToList()) ev[key] = value?.DeepClone();
        });

        var reply = await Api.PostAsync(EventsV1, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Contains((field, reason), reply.Causes.Select(c => (c.Field, c.Reason)));
    }

    [Fact]
    public async Task Limits_are_inclusive()
    {
        var body = Objects.EventV1("rotation.1", change: ev =>
        {
            ev["reportingInstance"] = new string('i', 128);
            ev["reason"] = new string('r', 128);
            ev["note"] = new string('n', 1024);
        });

        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync(EventsV1, body)).Status);
    }

    [Fact]
    public async Task An_event_about_a_cluster_scoped_object_lives_in_default_only()
    {
        const string aboutNode = """{"kind":"Node","name":"n1"}""";
        Server.Put(Testing.KubeResource.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "linkerd" } });

        var inDefault = await Api.PostAsync(EventsV1, Objects.EventV1("a", change: ev => ev["regarding"] = JsonNode.Parse(aboutNode)));
        var elsewhere = await Api.PostAsync("/apis/events.k8s.io/v1/namespaces/linkerd/events", Objects.EventV1("b", "linkerd", ev => ev["regarding"] = JsonNode.Parse(aboutNode)));

        Assert.Equal(HttpStatusCode.Created, inDefault.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, elsewhere.Status);
    }

    [Fact]
    public async Task An_event_time_with_seven_digits_fails_to_decode()
    {
        var reply = await Api.PostAsync(EventsV1, Objects.EventV1("x", change: ev => ev["eventTime"] = "2026-01-02T03:04:05.1234567Z"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("Event in version \"v1\" cannot be handled as a Event: parsing time", reply.Message);
    }

    [Fact]
    public async Task A_core_v1_event_is_checked_loosely()
    {
        var reply = await Api.PostAsync("/api/v1/namespaces/default/events", """
            {"metadata":{"name":"x.1"},"involvedObject":{"kind":"Secret","namespace":"default","name":"x"},"reason":"Rotated","message":"done","type":"Normal"}
            """);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
    }
}
