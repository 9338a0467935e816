using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing;

namespace Trust.Kubernetes.Tests.Support;

/// <summary>An answer: status code, JSON body (empty when there was none) and the Retry-After header.</summary>
public sealed record Reply(HttpStatusCode Status, JsonObject Body, int? RetryAfterSeconds)
{
    public string? Message => Body["message"]?.GetValue<string>();
    public string? Reason => Body["reason"]?.GetValue<string>();
    public string? ResourceVersion => Body["metadata"]?["resourceVersion"]?.GetValue<string>();
    public JsonArray Items => Body["items"]!.AsArray();
    public IEnumerable<string> ItemNames => Items.Select(i => i!["metadata"]!["name"]!.GetValue<string>());
    public IEnumerable<(string Field, string Reason, string Message)> Causes =>
        (Body["details"]?["causes"]?.AsArray() ?? []).Select(c => (c!["field"]!.GetValue<string>(), c["reason"]!.GetValue<string>(), c["message"]!.GetValue<string>()));
}

/// <summary>Plain HTTP calls to a fake server, as a client that trusts its CA and carries its token.</summary>
public sealed class Api(FakeApiServer server) : IDisposable
{
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string JsonPatch = "application/json-patch+json";

    private readonly HttpClient _client = server.CreateHttpClient();

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    /// <summary>Lists a collection page by page, following continue tokens; <paramref name="collection"/> may carry a query already.</summary>
    public async Task<(List<Reply> Pages, List<string> Names)> PageThroughAsync(string collection, int limit)
    {
        var pages = new List<Reply>();
        var separator = collection.Contains('?') ? '&' : '?';
        string? token = null;
        do
        {
            var page = await GetAsync($"{collection}{separator}limit={limit}" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages.Add(page);
            token = page.Body["metadata"]!["continue"]?.GetValue<string>();
        }
        while (token is not null);
        return (pages, [.. pages.SelectMany(p => p.ItemNames)]);
    }

    public Task<Reply> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json, "application/json");

    public Task<Reply> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json, "application/json");

    public Task<Reply> PatchAsync(string path, string json, string contentType = MergePatch) => SendAsync(HttpMethod.Patch, path, json, contentType);

    public Task<Reply> DeleteAsync(string path, string? json = null) => SendAsync(HttpMethod.Delete, path, json, json is null ? null : "application/json");

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? json, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue(contentType ?? "application/json"));
        return await ReplyAsync(_client, request);
    }

    /// <summary>A GET with another Authorization header than the server's token (none when <paramref name="header"/> is null).</summary>
    public async Task<Reply> GetWithAuthorizationAsync(string path, string? header)
    {
        using var client = server.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = null;
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        if (header is not null) request.Headers.TryAddWithoutValidation("Authorization", header);
        return await ReplyAsync(client, request);
    }

    private static async Task<Reply> ReplyAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : (int?)null;
        return new Reply(response.StatusCode, body, retryAfter);
    }

    public void Dispose() => _client.Dispose();
}
