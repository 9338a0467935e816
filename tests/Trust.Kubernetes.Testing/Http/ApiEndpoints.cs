using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Trust.Kubernetes.Testing.Discovery;
using Trust.Kubernetes.Testing.Registry;
using Trust.Kubernetes.Testing.Resources;

namespace Trust.Kubernetes.Testing.Http;

/// <summary>
/// The one request handler: bearer-token check, request log, faults, then discovery documents or the verbs on a
/// resource path. Every failure is answered with a Status object.
/// </summary>
internal sealed class ApiEndpoints(ObjectRegistry registry, ResourceCatalog catalog, DiscoveryDocuments discovery, FaultInjector faults, RequestLog log, string token)
{
    private const string ProtobufOpenApiV2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
    private const string AcceptedPatches = "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var record = new RequestRecord(request.Method, path, query, 0, request.ContentType);
        response.OnStarting(() =>
        {
            log.Add(record with { StatusCode = response.StatusCode });
            return Task.CompletedTask;
        });
        try
        {
            if (!IsAuthorized(request)) throw ApiError.Unauthorized();
            if (faults.Take(request.Method, path) is { } fault
                && await fault.InterveneAsync(new FaultScene(context.RequestAborted, () => Bump(path))) == FaultOutcome.Dropped)
            {
                log.Add(record);
                context.Abort();
                return;
            }
            await RouteAsync(context, path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        catch (ApiError error)
        {
            await Responses.WriteStatusAsync(response, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception bug) when (!response.HasStarted)
        {
            // A bug of this fake: answered as the real server answers a panic, with what went wrong in the message.
            await Responses.WriteStatusAsync(response, ApiError.Internal($"fake API server failure: {bug}"));
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.Length > scheme.Length && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), System.Text.Encoding.UTF8.GetBytes(token));
    }

    private Task RouteAsync(HttpContext context, string[] segments)
    {
        if (ResourcePath.Parse(segments, catalog) is { } target) return ServeAsync(context, target);
        var response = context.Response;
        return segments switch
        {
            _ when !HttpMethods.IsGet(context.Request.Method) => throw ApiError.MethodNotAllowed(),
            ["version"] => Responses.WriteAsync(response, 200, discovery.Version()),
            ["api"] => Responses.WriteAsync(response, 200, discovery.CoreVersions(context.Request.Host.Value ?? "")),
            ["api", "v1"] => Responses.WriteAsync(response, 200, discovery.Resources("", "v1")!),
            ["apis"] => Responses.WriteAsync(response, 200, discovery.Groups()),
            ["apis", var group] => Responses.WriteAsync(response, 200, discovery.Group(group) ?? throw ApiError.UnknownPath()),
            ["apis", var group, var version] => Responses.WriteAsync(response, 200, discovery.Resources(group, version) ?? throw ApiError.UnknownPath()),
            ["openapi", "v2"] => OpenApiV2Async(context),
            ["openapi", "v3"] => Responses.WriteAsync(response, 200, DiscoveryDocuments.OpenApiV3Index()),
            ["healthz" or "livez" or "readyz"] => OkAsync(response),
            _ => throw ApiError.UnknownPath(),
        };
    }

    private async Task ServeAsync(HttpContext context, ResourcePath target)
    {
        var request = context.Request;
        var response = context.Response;
        var (resource, ns, name) = target;
        RefuseUnsupported(request.Query);
        if (name is null)
        {
            if (HttpMethods.IsGet(request.Method))
            {
                var page = registry.List(resource, ns, request.Query["labelSelector"], request.Query["fieldSelector"], Limit(request.Query), request.Query["continue"]);
                await Responses.WriteListAsync(response, resource, page);
            }
            else if (HttpMethods.IsPost(request.Method) && (ns is not null || !resource.Namespaced))
                await Responses.WriteAsync(response, 201, registry.Create(resource, ns, await ReadObjectAsync(request, resource)).Json);
            else throw ApiError.MethodNotAllowed();
            return;
        }
        var result = request.Method switch
        {
            "GET" => registry.Get(resource, ns, name).Json,
            "PUT" => registry.Update(resource, ns, name, await ReadObjectAsync(request, resource)).Json,
            "PATCH" => registry.Patch(resource, ns, name, PatchKindOf(request.ContentType), await ReadJsonAsync(request)).Json,
            "DELETE" => Storage.Json.Serialize(Responses.Deleted(resource, registry.Delete(resource, ns, name, await ReadJsonAsync(request) as JsonObject))),
            _ => throw ApiError.MethodNotAllowed(),
        };
        await Responses.WriteAsync(response, 200, result);
    }

    /// <summary>Refuses what this fake would otherwise silently get wrong: watches and dry runs.</summary>
    private static void RefuseUnsupported(IQueryCollection query)
    {
        if (query["watch"] is [var watch] && watch is "true" or "1") throw ApiError.BadRequest("watch is not supported by the fake API server");
        if (query.ContainsKey("dryRun")) throw ApiError.BadRequest("dryRun is not supported by the fake API server");
    }

    private static int Limit(IQueryCollection query)
    {
        var text = query["limit"].ToString();
        if (text.Length == 0) return 0;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit
            : throw ApiError.BadRequest($"limit: Invalid value: \"{text}\": must be a non-negative integer");
    }

    private static PatchKind PatchKindOf(string? contentType) => MediaType(contentType) switch
    {
        "application/merge-patch+json" => PatchKind.Merge,
        "application/strategic-merge-patch+json" => PatchKind.StrategicMerge,
        "application/json-patch+json" => PatchKind.Json,
        // Server-side apply (application/apply-patch+yaml) is not implemented: its field ownership is beyond this fake.
        _ => throw ApiError.UnsupportedMediaType(contentType, AcceptedPatches),
    };

    /// <summary>An object in JSON, or in protobuf for the kinds kubectl's typed commands create.</summary>
    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request, KubeResource resource)
    {
        var type = MediaType(request.ContentType);
        if (type == ProtobufBody.MediaType && ProtobufBody.CanRead(resource)) return ProtobufBody.Read(await ReadBytesAsync(request), resource);
        if (type.Length > 0 && type != Responses.JsonType)
            throw ApiError.UnsupportedMediaType(request.ContentType, ProtobufBody.CanRead(resource) ? $"{Responses.JsonType}, {ProtobufBody.MediaType}" : Responses.JsonType);
        return await ReadJsonAsync(request) as JsonObject ?? throw ApiError.BadRequest("the body of the request is not a JSON object");
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpRequest request)
    {
        var bytes = await ReadBytesAsync(request);
        try
        {
            return bytes.Length == 0 ? null : JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw ApiError.BadRequest($"the body of the request could not be decoded as JSON: {e.Message}");
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static string MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.ToString().ToLowerInvariant() : "";

    /// <summary>kubectl asks for the protobuf form of OpenAPI v2; an empty protobuf message is a document with no schemas.</summary>
    private async Task OpenApiV2Async(HttpContext context)
    {
        if (context.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = ProtobufOpenApiV2;
            context.Response.ContentLength = 0;
            await context.Response.StartAsync(context.RequestAborted);
            return;
        }
        await Responses.WriteAsync(context.Response, 200, discovery.OpenApiV2());
    }

    private static async Task OkAsync(HttpResponse response)
    {
        response.StatusCode = 200;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("ok", response.HttpContext.RequestAborted);
    }

    /// <summary>For a conflict race: another writer stores the object the path names.</summary>
    private void Bump(string path)
    {
        try
        {
            if (ResourcePath.Parse(path.Split('/', StringSplitOptions.RemoveEmptyEntries), catalog) is { Name: not null } target)
                registry.Store.Touch(target.Resource, target.Key);
        }
        catch (ApiError)
        {
            // Not an object this server serves: nothing to race with.
        }
    }
}
