using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Trust.Kubernetes.Testing.Storage;

namespace Trust.Kubernetes.Testing.Http;

/// <summary>Writes answers as the real server does: JSON whatever the client accepts, lists streamed from stored bytes.</summary>
internal static class Responses
{
    public const string JsonType = "application/json";

    public static Task WriteAsync(HttpResponse response, int status, JsonNode body) => WriteAsync(response, status, Json.Serialize(body));

    public static async Task WriteAsync(HttpResponse response, int status, byte[] json)
    {
        response.StatusCode = status;
        response.ContentType = JsonType;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, response.HttpContext.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpResponse response, ApiError error)
    {
        if (error.RetryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(response, error.Code, error.ToStatus());
    }

    /// <summary>The Status a DELETE answers with: Success, naming what was removed.</summary>
    public static JsonObject Deleted(KubeResource resource, StoredObject removed)
    {
        var details = new JsonObject { ["name"] = Json.String(removed.Node["metadata"], "name") };
        if (resource.Group.Length > 0) details["group"] = resource.Group;
        details["kind"] = resource.Plural;
        details["uid"] = removed.Uid;
        return new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["details"] = details };
    }

    /// <summary>A {Kind}List: the stored bytes of each item copied into the answer, with the page's resourceVersion and continue token.</summary>
    public static async Task WriteListAsync(HttpResponse response, KubeResource resource, ListPage page)
    {
        response.StatusCode = 200;
        response.ContentType = JsonType;
        var body = response.BodyWriter;
        using (var writer = new Utf8JsonWriter(body, Json.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", resource.Kind + "List");
            writer.WriteString("apiVersion", resource.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (page.ContinueAfter is { } after) writer.WriteString("continue", ContinueToken.Encode(page.ResourceVersion, after));
            if (page.RemainingItemCount is { } remaining) writer.WriteNumber("remainingItemCount", remaining);
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                writer.WriteRawValue(item.Json, skipInputValidation: true);
                if (writer.BytesPending > 64 * 1024) writer.Flush();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        await body.FlushAsync(response.HttpContext.RequestAborted);
    }
}
