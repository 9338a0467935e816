using Trust.Kubernetes.Testing.Http;

namespace Trust.Kubernetes.Testing;

/// <summary>Answers with an error Status (and Retry-After) instead of handling the request.</summary>
internal sealed record StatusFault(int Code, int? RetryAfterSeconds) : Fault
{
    internal override Task<FaultOutcome> InterveneAsync(FaultScene scene) => throw Code switch
    {
        429 => new ApiError(429, "TooManyRequests", "Too many requests, please try again later.", Details(), RetryAfterSeconds),
        503 => new ApiError(503, "ServiceUnavailable", "the server is currently unable to handle the request", Details(), RetryAfterSeconds),
        _ => ApiError.Internal("injected fault", RetryAfterSeconds),
    };

    private System.Text.Json.Nodes.JsonObject? Details() =>
        RetryAfterSeconds is { } seconds ? new() { ["retryAfterSeconds"] = seconds } : null;
}
