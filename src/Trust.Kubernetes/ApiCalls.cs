using System.Net;
using System.Text.Json;

namespace Trust.Kubernetes;

/// <summary>
/// The few ways the job looks at an API answer: a missing object is a value (null), a lost race is a
/// <see cref="ConflictException"/>, and anything else becomes a <see cref="RotationJobException"/> with the API
/// server's own one-line message.
/// </summary>
internal static class ApiCalls
{
    public static async Task<T?> GetOrNull<T>(Func<Task<T>> call, string what) where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (IsApiFailure(e))
        {
            throw Failure(e, what);
        }
    }

    /// <summary>A write: 409 (a conflict, or a create that lost) and 404 (the object went away) mean someone else
    /// changed the world since it was read; the caller reads again.</summary>
    public static async Task<T> Write<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Status is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            throw new ConflictException($"{what}: {Message(e)}");
        }
        catch (Exception e) when (IsApiFailure(e))
        {
            throw Failure(e, what);
        }
    }

    public static async Task<T> Call<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsApiFailure(e))
        {
            throw Failure(e, what);
        }
    }

    public static bool IsApiFailure(Exception e) => e is ApiException or HttpRequestException or JsonException
        || e is TaskCanceledException { InnerException: TimeoutException };

    public static RotationJobException Failure(Exception e, string what) => e switch
    {
        ApiException h => new RotationJobException($"{what}: {Message(h)}", e),
        HttpRequestException => new RotationJobException($"{what}: the API server did not answer ({KubernetesConnections.OneLine(e.Message)})", e),
        JsonException => new RotationJobException($"{what}: the API server's answer could not be read", e),
        _ => new RotationJobException($"{what}: the request timed out", e),
    };

    /// <summary>The Status message of an error answer (what kubectl prints), else the HTTP status.</summary>
    public static string Message(ApiException e)
    {
        var code = (int)e.Status;
        try
        {
            using var doc = JsonDocument.Parse(e.Content);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m)
                && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } text)
                return $"{KubernetesConnections.OneLine(text)} (HTTP {code})";
        }
        catch (JsonException)
        {
        }
        return $"HTTP {code} {e.Reason}".TrimEnd();
    }
}

/// <summary>A conditional write lost a race (409), or its object went away (404): read again and plan again.</summary>
internal sealed class ConflictException(string message) : Exception(message);
