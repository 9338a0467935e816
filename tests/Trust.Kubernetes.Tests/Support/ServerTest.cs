using Microsoft.Extensions.Time.Testing;
using Trust.Kubernetes.Testing;

namespace Trust.Kubernetes.Tests.Support;

/// <summary>A fresh fake server per test (xunit makes a class instance per test), on a fake clock, with an HTTP client for it.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(Start);
    protected FakeApiServer Server { get; private set; } = null!;
    protected Api Api { get; private set; } = null!;

    protected virtual FakeApiOptions Options => new() { TimeProvider = Clock };

    public async Task InitializeAsync()
    {
        Server = await FakeApiServer.StartAsync(Options);
        Api = new Api(Server);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
    }

    protected const string Secrets = "/api/v1/namespaces/default/secrets";
    protected const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    protected const string Leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
    protected const string EventsV1 = "/apis/events.k8s.io/v1/namespaces/default/events";
    protected const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    /// <summary>Creates an object and returns what the server answered, failing the test unless it was 201.</summary>
    protected async Task<Reply> CreatedAsync(string collection, string json)
    {
        var reply = await Api.PostAsync(collection, json);
        Assert.True(reply.Status == System.Net.HttpStatusCode.Created, $"{collection}: {(int)reply.Status} {reply.Body.ToJsonString()}");
        return reply;
    }
}
