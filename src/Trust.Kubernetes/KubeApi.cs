using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.Models;
using Trust.Kubernetes.Wire;

namespace Trust.Kubernetes;

/// <summary>
/// The REST calls the job makes, and nothing more. KubernetesClient still reads the kubeconfig or service account and
/// supplies the credentials (tokens, exec plugins); the TLS set-up and client certificates are ours, and so are the
/// calls. Its typed operations are not used: they (de)serialise through one source-generated JSON context holding every Kubernetes type, which a Native AOT
/// binary rebuilds at each start of any command (docs/performance.md). Here bodies go through <see cref="ApiJson"/>,
/// which holds only the kinds the job reads and writes.
/// </summary>
internal sealed class KubeApi : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue MergePatch = new("application/merge-patch+json");

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly ServiceClientCredentials? _credentials;
    private readonly Version _version;

    private KubeApi(HttpClient http, Uri baseUri, ServiceClientCredentials? credentials, Version version) =>
        (_http, _base, _credentials, _version) = (http, baseUri, credentials, version);

    /// <summary>
    /// A connection as the configuration describes it. Not through <c>new k8s.Kubernetes(…)</c>: its constructor
    /// touches the client's all-types JSON options, and that alone puts the whole context in the binary. The server is
    /// checked against the configuration's CA only (as kubectl does), against the system's roots when it names none.
    /// </summary>
    /// <exception cref="KubeConfigException">No host, a host that is not a URL, or a client certificate that cannot be used.</exception>
    public static KubeApi Connect(KubernetesClientConfiguration config, DelegatingHandler retry)
    {
        if (string.IsNullOrWhiteSpace(config.Host)) throw new KubeConfigException("no server URL");
        if (!Uri.TryCreate(config.Host, UriKind.Absolute, out var host) || host.Scheme is not ("https" or "http"))
            throw new KubeConfigException($"server '{config.Host}' is not an http(s) URL");
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (host.Scheme == "https")
        {
            if (!string.IsNullOrEmpty(config.TlsServerName)) handler.SslOptions.TargetHost = config.TlsServerName;
            if (config.SkipTlsVerify)
                handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            else if (config.SslCaCerts is { Count: > 0 } roots)
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(roots, certificate, errors);
            if (ClientCertificate(config) is { } clientCertificate)
                handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        retry.InnerHandler = handler;
        var http = new HttpClient(retry) { Timeout = config.HttpClientTimeout };
        var baseUri = new Uri(host.AbsoluteUri.EndsWith('/') ? host.AbsoluteUri : host.AbsoluteUri + "/");
        return new KubeApi(http, baseUri, k8s.Kubernetes.CreateCredentials(config), config.DisableHttp2 ? HttpVersion.Version11 : HttpVersion.Version20);
    }

    /// <summary>The kubeconfig's client certificate and key (inline base64 PEM, or PEM files), when it names both.</summary>
    internal static X509Certificate2? ClientCertificate(KubernetesClientConfiguration config)
    {
        var certificate = Pem(config.ClientCertificateData, config.ClientCertificateFilePath);
        var key = Pem(config.ClientCertificateKeyData, config.ClientKeyFilePath);
        if (certificate is null || key is null) return null;
        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KubeConfigException($"the client certificate and key cannot be used: {e.Message}", e);
        }
    }

    private static string? Pem(string? base64, string? path)
    {
        if (!string.IsNullOrWhiteSpace(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException e)
            {
                throw new KubeConfigException("client certificate or key data is not base64", e);
            }
        }
        return string.IsNullOrWhiteSpace(path) ? null : File.ReadAllText(path);
    }

    /// <summary>The server's certificate chains to one of <paramref name="roots"/> and names the host.</summary>
    internal static bool TrustedBy(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }

    public static readonly ApiKind<V1Secret> Secrets = new("api/v1", "secrets", ApiJson.Default.V1Secret);
    public static readonly ApiKind<V1ConfigMap> ConfigMaps = new("api/v1", "configmaps", ApiJson.Default.V1ConfigMap);
    public static readonly ApiKind<V1Lease> Leases = new("apis/coordination.k8s.io/v1", "leases", ApiJson.Default.V1Lease);
    public static readonly ApiKind<Eventsv1Event> Events = new("apis/events.k8s.io/v1", "events", ApiJson.Default.Eventsv1Event);
    public static readonly ApiKind<WorkloadObject> Deployments = new("apis/apps/v1", "deployments", ApiJson.Default.WorkloadObject);
    public static readonly ApiKind<WorkloadObject> StatefulSets = new("apis/apps/v1", "statefulsets", ApiJson.Default.WorkloadObject);
    public static readonly ApiKind<WorkloadObject> DaemonSets = new("apis/apps/v1", "daemonsets", ApiJson.Default.WorkloadObject);
    public static readonly ApiKind<ObjectHead> Certificates = new("apis/cert-manager.io/v1", "certificates", ApiJson.Default.ObjectHead);

    public Task<T> ReadAsync<T>(ApiKind<T> kind, string ns, string name, CancellationToken cancel) =>
        SendAsync(HttpMethod.Get, kind.Path(ns, name), null, kind.Type, cancel);

    public Task<T> CreateAsync<T>(ApiKind<T> kind, string ns, T body, CancellationToken cancel) =>
        SendAsync(HttpMethod.Post, kind.Path(ns, null), Content(body, kind.Type, Json), kind.Type, cancel);

    public Task<T> ReplaceAsync<T>(ApiKind<T> kind, string ns, string name, T body, CancellationToken cancel) =>
        SendAsync(HttpMethod.Put, kind.Path(ns, name), Content(body, kind.Type, Json), kind.Type, cancel);

    public Task<T> MergePatchAsync<T>(ApiKind<T> kind, string ns, string name, string patch, CancellationToken cancel)
    {
        var content = new StringContent(patch);
        content.Headers.ContentType = MergePatch;
        return SendAsync(HttpMethod.Patch, kind.Path(ns, name), content, kind.Type, cancel);
    }

    /// <summary>Deletes with preconditions; the answer (a Status, or the object) is not read.</summary>
    public Task<JsonElement> DeleteAsync<T>(ApiKind<T> kind, string ns, string name, V1DeleteOptions options, CancellationToken cancel) =>
        SendAsync(HttpMethod.Delete, kind.Path(ns, name), Content(options, ApiJson.Default.V1DeleteOptions, Json), ApiJson.Default.JsonElement, cancel);

    /// <summary>One page of pods, in one namespace or (<paramref name="ns"/> null) in all.</summary>
    public Task<PodList> ListPodsAsync(string? ns, string labelSelector, string fieldSelector, int? limit, string? continueToken, CancellationToken cancel)
    {
        var query = $"?labelSelector={Uri.EscapeDataString(labelSelector)}&fieldSelector={Uri.EscapeDataString(fieldSelector)}";
        if (limit is { } n) query += $"&limit={n}";
        if (!string.IsNullOrEmpty(continueToken)) query += $"&continue={Uri.EscapeDataString(continueToken)}";
        var path = ns is null ? "api/v1/pods" : $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods";
        return SendAsync(HttpMethod.Get, path + query, null, ApiJson.Default.PodList, cancel);
    }

    private static ByteArrayContent Content<T>(T body, JsonTypeInfo<T> type, MediaTypeHeaderValue mediaType)
    {
        // Bytes, not a stream: the retry handler may send the same request again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = mediaType;
        return content;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content, Version = _version };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_credentials is not null)
            await _credentials.ProcessHttpRequestAsync(request, cancel).ConfigureAwait(false);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new ApiException(response.StatusCode, response.ReasonPhrase, await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false));
        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
            return await JsonSerializer.DeserializeAsync(stream, type, cancel).ConfigureAwait(false)
                ?? throw new JsonException($"{method} {path}: the answer is null");
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A namespaced resource: its API path prefix, plural name and JSON contract.</summary>
internal sealed record ApiKind<T>(string Prefix, string Plural, JsonTypeInfo<T> Type)
{
    public string Path(string ns, string? name) =>
        $"{Prefix}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" + (name is null ? "" : "/" + Uri.EscapeDataString(name));
}

/// <summary>An answer outside 2xx: its status and body (the API server's Status object, as text).</summary>
internal sealed class ApiException(HttpStatusCode status, string? reason, string content)
    : Exception($"the API server answered {(int)status} {reason}".TrimEnd())
{
    public HttpStatusCode Status { get; } = status;

    public string? Reason { get; } = reason;

    public string Content { get; } = content;
}
