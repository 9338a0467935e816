using System.Text;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing.Http;

namespace Trust.Kubernetes.Testing.Storage;

/// <summary>
/// The opaque <c>continue</c> value, shaped like the real server's: base64 of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"ns/name\u0000"}</c>, where start is just past the last key returned.
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long resourceVersion, ObjectKey after)
    {
        var token = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = $"{after.Namespace}/{after.Name}\0" };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString()));
    }

    /// <summary>The key to continue after and the resourceVersion of the first page; a token that is not one of ours is a 400.</summary>
    public static (long ResourceVersion, ObjectKey After) Decode(string text)
    {
        try
        {
            var token = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text))) as JsonObject;
            var start = Json.String(token, "start");
            if (Json.String(token, "v") == "meta.k8s.io/v1" && token!["rv"] is JsonValue rv && rv.TryGetValue<long>(out var version)
                && start is not null && start.EndsWith('\0') && start.IndexOf('/') is var slash and >= 0)
                return (version, new ObjectKey(start[..slash], start[(slash + 1)..^1]));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
        }
        throw ApiError.BadRequest("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
    }
}
