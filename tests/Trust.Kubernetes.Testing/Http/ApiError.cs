using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Http;

/// <summary>A failure answered with a Status object, worded as the real API server words it.</summary>
internal sealed class ApiError(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
    : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };
        // An error the server does not classify has no reason (Go's omitempty drops StatusReasonUnknown).
        if (Reason.Length > 0) status["reason"] = Reason;
        status["details"] = details?.DeepClone() ?? new JsonObject();
        status["code"] = Code;
        return status;
    }

    public static ApiError NotFound(KubeResource resource, string name) =>
        new(404, "NotFound", $"{resource.GroupResource} \"{name}\" not found", Details(resource, name, resource.Plural));

    /// <summary>What the real server answers for a path it does not serve (an unknown resource or group).</summary>
    public static ApiError UnknownPath() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiError AlreadyExists(KubeResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.GroupResource} \"{name}\" already exists", Details(resource, name, resource.Plural));

    public static ApiError Conflict(KubeResource resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.GroupResource} \"{name}\": {why}", Details(resource, name, resource.Plural));

    public static ApiError StaleResourceVersion(KubeResource resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiError Invalid(KubeResource resource, string name, IReadOnlyList<Validation.FieldError> errors)
    {
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        var details = Details(resource, name, resource.Kind);
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)e.ToCause())]);
        return new ApiError(422, "Invalid", $"{resource.GroupKind} \"{name}\" is invalid: {summary}", details);
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>What the real server answers when a body does not decode into the resource's Go type.</summary>
    public static ApiError CannotDecode(KubeResource resource, string problem) =>
        BadRequest($"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}: {problem}");

    public static ApiError Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiError MethodNotAllowed() => new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiError UnsupportedMediaType(string? contentType, string accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {accepted}", new JsonObject { ["kind"] = contentType ?? "" });

    /// <summary>apimachinery's NewInternalError: the cause in the message and as the one cause.</summary>
    public static ApiError Internal(string cause, int? retryAfterSeconds = null) =>
        new(500, "InternalError", $"Internal error occurred: {cause}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = cause }) }, retryAfterSeconds);

    /// <summary>A plain Go error that reached the handler unclassified: 500 with no reason.</summary>
    public static ApiError Unclassified(string message) => new(500, "", message);

    private static JsonObject Details(KubeResource resource, string name, string kind)
    {
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0) details["group"] = resource.Group;
        details["kind"] = kind;
        return details;
    }
}
