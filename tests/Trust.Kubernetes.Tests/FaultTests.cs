using System.Diagnostics;
using System.Net;
using Trust.Kubernetes.Testing;
using Trust.Kubernetes.Tests.Support;

namespace Trust.Kubernetes.Tests;

public sealed class FaultTests : ServerTest
{
    [Fact]
    public async Task An_internal_error_fires_once_then_requests_are_served()
    {
        var rule = Server.Faults.Add(Fault.InternalError());

        var failed = await Api.GetAsync("/version");
        var served = await Api.GetAsync("/version");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("InternalError", failed.Reason);
        Assert.Equal("Internal error occurred: injected fault", failed.Message);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(1, rule.Fired);
        Assert.Empty(Server.Faults.Pending);
    }

    [Fact]
    public async Task Service_unavailable_says_when_to_retry()
    {
        Server.Faults.Add(Fault.ServiceUnavailable(retryAfterSeconds: 3));

        var reply = await Api.GetAsync($"{Secrets}/x");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        Assert.Equal("ServiceUnavailable", reply.Reason);
        Assert.Equal(3, reply.RetryAfterSeconds);
        Assert.Equal(3, reply.Body["details"]!["retryAfterSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task Too_many_requests_says_when_to_retry_for_as_many_requests_as_asked()
    {
        Server.Faults.Add(Fault.TooManyRequests(retryAfterSeconds: 2), times: 2);

        var replies = new[] { await Api.GetAsync(Secrets), await Api.GetAsync(Secrets), await Api.GetAsync(Secrets) };

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], replies.Select(r => r.Status));
        Assert.Equal("Too many requests, please try again later.", replies[0].Message);
        Assert.Equal(2, replies[0].RetryAfterSeconds);
    }

    [Fact]
    public async Task A_rule_fires_only_on_its_method_and_path()
    {
        await CreatedAsync(Secrets, Objects.Secret("x"));
        var rule = Server.Faults.Add(Fault.InternalError(), "PUT", path => path.EndsWith("/secrets/x", StringComparison.Ordinal));

        var get = await Api.GetAsync($"{Secrets}/x");
        var otherPut = await Api.PutAsync($"{Secrets}/y", Objects.Secret("y"));
        var put = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x"));

        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(HttpStatusCode.NotFound, otherPut.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, put.Status);
        Assert.Equal(1, rule.Fired);
    }

    [Fact]
    public async Task Rules_are_tried_in_the_order_they_were_added()
    {
        Server.Faults.Add(Fault.ServiceUnavailable());
        Server.Faults.Add(Fault.InternalError());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Api.GetAsync("/version")).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Api.GetAsync("/version")).Status);
    }

    [Fact]
    public async Task A_conflict_race_makes_a_conditional_write_lose_without_changing_the_object()
    {
        var read = await CreatedAsync(Secrets, Objects.Secret("x", new { a = "YQ==" }));
        Server.Faults.Add(Fault.ConflictRace(), "PUT");

        var put = await Api.PutAsync($"{Secrets}/x", Objects.Secret("x", new { a = "Yg==" }, resourceVersion: read.ResourceVersion));
        var now = await Api.GetAsync($"{Secrets}/x");

        Assert.Equal(HttpStatusCode.Conflict, put.Status);
        Assert.Equal("Conflict", put.Reason);
        Assert.True(long.Parse(now.ResourceVersion!) > long.Parse(read.ResourceVersion!));
        Assert.Equal("YQ==", now.Body["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_conflict_race_makes_a_conditional_patch_lose_too()
    {
        var read = await CreatedAsync(Leases, Objects.Lease("rotation"));
        Server.Faults.Add(Fault.ConflictRace(), "PATCH");

        var patch = await Api.PatchAsync($"{Leases}/rotation", $$$"""{"metadata":{"resourceVersion":"{{{read.ResourceVersion}}}"},"spec":{"holderIdentity":"job-2"}}""");

        Assert.Equal(HttpStatusCode.Conflict, patch.Status);
    }

    [Fact]
    public async Task A_dropped_connection_gives_no_answer_and_is_logged_with_status_0()
    {
        Server.Faults.Add(Fault.DropConnection(), "GET", path => path == "/version");

        await Assert.ThrowsAsync<HttpRequestException>(() => Api.GetAsync("/version"));

        Assert.Contains(Server.Requests.All, r => r is { Path: "/version", StatusCode: 0 });
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/version")).Status);
    }

    [Fact]
    public async Task A_delay_holds_the_request_then_serves_it()
    {
        Server.Faults.Add(Fault.Delay(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        var reply = await Api.GetAsync("/version");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"{clock.Elapsed}");
    }

    [Fact]
    public async Task Concurrent_requests_consume_exactly_the_firings_asked_for()
    {
        var rule = Server.Faults.Add(Fault.ServiceUnavailable(), times: 10);

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Api.GetAsync("/version")));

        Assert.Equal(10, replies.Count(r => r.Status == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(30, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(10, rule.Fired);
    }

    [Fact]
    public async Task Cleared_rules_no_longer_fire()
    {
        Server.Faults.Add(Fault.InternalError(), times: 5);
        Server.Faults.Clear();

        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/version")).Status);
    }

    [Fact]
    public void A_rule_must_fire_at_least_once()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Server.Faults.Add(Fault.InternalError(), times: 0));
    }
}
