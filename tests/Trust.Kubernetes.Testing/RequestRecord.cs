namespace Trust.Kubernetes.Testing;

/// <summary>One request the server answered (status 0: the connection was dropped by a fault).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="Query">The raw query string without the leading '?', empty when there is none.</param>
/// <param name="StatusCode">The status code of the answer.</param>
/// <param name="ContentType">The request's Content-Type, null when it had none.</param>
public sealed record RequestRecord(string Method, string Path, string Query, int StatusCode, string? ContentType)
{
    /// <summary>The decoded value of a query parameter, null when absent.</summary>
    public string? QueryValue(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var values) ? values.ToString() : null;
}
