using Trust.Kubernetes.Testing;

namespace Trust.Kubernetes.Tests.Support;

/// <summary>One server for a class of read-only or self-separating tests (an xunit class fixture); <see cref="Arrange"/> fills it.</summary>
public class SharedServer : IAsyncLifetime
{
    public FakeApiServer Server { get; private set; } = null!;
    public Api Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeApiServer.StartAsync();
        Api = new Api(Server);
        Arrange(Server);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
    }

    protected virtual void Arrange(FakeApiServer server)
    {
    }
}
