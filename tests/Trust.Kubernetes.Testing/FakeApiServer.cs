using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Trust.Kubernetes.Testing.Discovery;
using Trust.Kubernetes.Testing.Http;
using Trust.Kubernetes.Testing.Pods;
using Trust.Kubernetes.Testing.Registry;
using Trust.Kubernetes.Testing.Resources;
using Trust.Kubernetes.Testing.Storage;

namespace Trust.Kubernetes.Testing;

/// <summary>
/// An in-process Kubernetes API server for tests: Kestrel on 127.0.0.1 (plain HTTP, bearer token), the REST
/// semantics of the real server for the resources the rotation job touches, discovery for kubectl, a request log and
/// fault injection. Start one per test; dispose it to stop.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectRegistry _registry;
    private readonly ResourceCatalog _catalog;
    private readonly ServingCertificate? _certificate;

    private FakeApiServer(WebApplication app, ObjectRegistry registry, ResourceCatalog catalog, ServingCertificate? certificate,
        FakeApiOptions options, string token, FaultInjector faults, RequestLog requests)
    {
        _app = app;
        _certificate = certificate;
        _registry = registry;
        _catalog = catalog;
        Options = options;
        Token = token;
        Faults = faults;
        Requests = requests;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    /// <summary>The server's address, such as <c>https://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bearer token every request must carry; without it the answer is 401 Unauthorized.</summary>
    public string Token { get; }

    /// <summary>The PEM of the CA that issued the serving certificate; null when <see cref="FakeApiOptions.UseTls"/> is off.</summary>
    public string? CertificateAuthorityPem => _certificate?.AuthorityPem;

    /// <summary>The options the server was started with.</summary>
    public FakeApiOptions Options { get; }

    /// <summary>Faults to inject into coming requests.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The requests answered so far.</summary>
    public RequestLog Requests { get; }

    /// <summary>The resourceVersion of the latest write.</summary>
    public long ResourceVersion => _registry.Store.ResourceVersion;

    /// <summary>Starts a server on a free loopback port, with the options' namespaces already created.</summary>
    public static async Task<FakeApiServer> StartAsync(FakeApiOptions? options = null)
    {
        options ??= new FakeApiOptions();
        var token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var catalog = new ResourceCatalog(options);
        var registry = new ObjectRegistry(new ObjectStore(), options.TimeProvider);
        foreach (var ns in options.Namespaces) registry.EnsureNamespace(ns);
        var faults = new FaultInjector();
        var requests = new RequestLog();
        var endpoints = new ApiEndpoints(registry, catalog, new DiscoveryDocuments(catalog, options), faults, requests, token);

        var certificate = options.UseTls ? ServingCertificate.Create() : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null) listen.UseHttps(certificate.Server);
            });
        });
        var app = builder.Build();
        app.Run(endpoints.HandleAsync);
        await app.StartAsync();
        return new FakeApiServer(app, registry, catalog, certificate, options, token, faults, requests);
    }

    /// <summary>An HttpClient with this server's address and token that trusts its CA (and nothing else).</summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler();
        if (_certificate is { } certificate)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && presented is X509Certificate2 c && certificate.Issued(c);
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Writes a kubeconfig whose current context points at this server; returns its full path.</summary>
    public string WriteKubeconfig(string path, string contextName = "fake", string? @namespace = null) =>
        Kubeconfig.Write(path, [(contextName, BaseAddress, Token, CertificateAuthorityPem, @namespace)]);

    /// <summary>Writes one kubeconfig with a context per server (the first is current), for multicluster tests; returns its full path.</summary>
    /// <exception cref="ArgumentException">No context is given, or two share a name.</exception>
    public static string WriteKubeconfig(string path, params (string Context, FakeApiServer Server)[] contexts) =>
        Kubeconfig.Write(path, [.. contexts.Select(c => (c.Context, c.Server.BaseAddress, c.Server.Token, c.Server.CertificateAuthorityPem, (string?)null))]);

    /// <summary>
    /// Stores an object as a test arranges it, bypassing HTTP and validation: kind and apiVersion are set, uid,
    /// creationTimestamp (and generation) are filled in where missing, a new resourceVersion is given, a missing
    /// namespace is created (a namespaced object without one goes to <c>default</c>). Replaces any object of that name.
    /// </summary>
    /// <returns>A copy of what is stored.</returns>
    public JsonObject Put(KubeResource resource, JsonObject obj)
    {
        ThrowIfNotServed(resource);
        ArgumentNullException.ThrowIfNull(obj);
        return _registry.Put(resource, obj).Clone();
    }

    /// <summary>A copy of a stored object, if there is one.</summary>
    public bool TryGet(KubeResource resource, string? @namespace, string name, [NotNullWhen(true)] out JsonObject? obj)
    {
        ThrowIfNotServed(resource);
        obj = _registry.Store.Get(resource, Key(resource, @namespace, name))?.Clone();
        return obj is not null;
    }

    /// <summary>Removes a stored object without HTTP; false when there was none.</summary>
    public bool Delete(KubeResource resource, string? @namespace, string name)
    {
        ThrowIfNotServed(resource);
        return _registry.Store.Write(resource, Key(resource, @namespace, name), _ => StoreWrite.Remove) is not null;
    }

    /// <summary>Copies of every stored object of a resource, in (namespace, name) order.</summary>
    public IReadOnlyList<JsonObject> Objects(KubeResource resource)
    {
        ThrowIfNotServed(resource);
        return [.. _registry.Store.All(resource).Select(o => o.Clone())];
    }

    /// <summary>
    /// Stores a pod. With <paramref name="trustAnchorsPem"/> it is meshed: labelled
    /// <c>linkerd.io/control-plane-ns=linkerd</c>, with a <c>linkerd-proxy</c> container whose
    /// <c>LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS</c> is that PEM, and (unless <paramref name="ownerReferences"/> says
    /// otherwise) owned by ReplicaSet <c>web-7d4b9c8f5</c> of Deployment <c>web</c>, both created when missing.
    /// </summary>
    /// <returns>A copy of the stored pod.</returns>
    public JsonObject AddPod(string @namespace, string name, IReadOnlyDictionary<string, string>? labels = null, string phase = "Running",
        DateTimeOffset? creationTimestamp = null, string? trustAnchorsPem = null, JsonArray? ownerReferences = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (trustAnchorsPem is not null && ownerReferences is null) ownerReferences = new JsonArray(MeshedOwner(@namespace));
        var timestamp = creationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return _registry.Put(KubeResource.Pods, PodFactory.Pod(@namespace, name, labels, phase, timestamp, trustAnchorsPem, ownerReferences)).Clone();
    }

    /// <summary>Stores <paramref name="count"/> meshed pods named <c>web-7d4b9c8f5-00000</c>, <c>-00001</c>, ... (see <see cref="AddPod"/>); returns their names.</summary>
    public IReadOnlyList<string> AddMeshedPods(string @namespace, int count, string trustAnchorsPem, string phase = "Running")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(trustAnchorsPem);
        var owners = new JsonArray(MeshedOwner(@namespace));
        var names = Enumerable.Range(0, count).Select(i => $"{PodFactory.ReplicaSetName}-{i:D5}").ToList();
        _registry.PutMany(KubeResource.Pods, PodFactory.Pod(@namespace, PodFactory.ReplicaSetName, null, phase, null, trustAnchorsPem, owners), names);
        return names;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
    }

    /// <summary>The owner reference of meshed pods: ReplicaSet web-7d4b9c8f5, owned by Deployment web, both stored if missing.</summary>
    private JsonObject MeshedOwner(string @namespace)
    {
        var store = _registry.Store;
        var deployment = store.Get(KubeResource.Deployments, new ObjectKey(@namespace, PodFactory.DeploymentName))?.Node
            ?? _registry.Put(KubeResource.Deployments, PodFactory.Deployment(@namespace)).Node;
        var replicaSet = store.Get(KubeResource.ReplicaSets, new ObjectKey(@namespace, PodFactory.ReplicaSetName))?.Node
            ?? _registry.Put(KubeResource.ReplicaSets, PodFactory.ReplicaSet(@namespace, deployment)).Node;
        return PodFactory.OwnerReference("apps/v1", "ReplicaSet", replicaSet);
    }

    private void ThrowIfNotServed(KubeResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_catalog.Serves(resource)) throw new ArgumentException($"{resource} is not served (see FakeApiOptions.ServeCertManager)", nameof(resource));
    }

    private static ObjectKey Key(KubeResource resource, string? @namespace, string name) => new(resource.Namespaced ? @namespace ?? "" : "", name);
}
