using System.Net;

namespace Trust.Kubernetes;

/// <summary>How the job's clients retry an API server that is busy or briefly away.</summary>
public sealed record ApiRetryPolicy
{
    /// <summary>Attempts per request, the first included (default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first backoff; it doubles per attempt (default 200 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts, a server's Retry-After included (default 30 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Counts the HTTP requests the job's clients send (retries included).</summary>
internal sealed class RequestCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>
/// Retries 429 and 5xx answers and dropped connections with exponential backoff, honouring Retry-After (capped).
/// Writes are retried too: every write the job makes is conditional (resourceVersion, preconditions) or a create, so a
/// retry of a write that did land answers 409 or 404 and the job re-reads; it never applies a change twice blindly.
/// </summary>
internal sealed class ApiRetryHandler : DelegatingHandler
{
    private readonly ApiRetryPolicy _policy;
    private readonly RequestCounter? _counter;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public ApiRetryHandler(ApiRetryPolicy policy, RequestCounter? counter = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _policy = policy;
        _counter = counter;
        _delay = delay ?? Task.Delay;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            _counter?.Add();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < _policy.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await _delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (attempt >= _policy.MaxAttempts || !Retryable(response.StatusCode)) return response;
            var wait = RetryAfter(response) ?? Backoff(attempt);
            response.Dispose();
            await _delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static bool Retryable(HttpStatusCode code) =>
        code is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null) return null;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > _policy.MaxDelay ? _policy.MaxDelay : wait;
    }

    private TimeSpan Backoff(int attempt)
    {
        var ticks = _policy.BaseDelay.Ticks * (1L << Math.Min(attempt - 1, 20));
        var capped = Math.Min(ticks, _policy.MaxDelay.Ticks);
        // Jitter (up to a quarter) spreads runs that failed together.
        return TimeSpan.FromTicks(capped - (long)(capped * 0.25 * Random.Shared.NextDouble()));
    }
}
