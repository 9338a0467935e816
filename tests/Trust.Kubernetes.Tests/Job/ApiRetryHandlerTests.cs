using System.Net;
using Trust.Kubernetes;

namespace Trust.Kubernetes.Tests.Job;

public class ApiRetryHandlerTests
{
    /// <summary>Answers from a script, one per attempt; a null entry drops the connection.</summary>
    private sealed class Script(params Func<HttpResponseMessage?>[] answers) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = answers[Math.Min(Calls++, answers.Length - 1)]();
            return answer is null ? Task.FromException<HttpResponseMessage>(new HttpRequestException("connection reset")) : Task.FromResult(answer);
        }
    }

    private static HttpResponseMessage Status(HttpStatusCode code, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(code);
        if (retryAfter is { } after) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        return response;
    }

    private static (HttpClient Client, List<TimeSpan> Waits, RequestCounter Counter) Client(Script script, int attempts = 5)
    {
        var waits = new List<TimeSpan>();
        var counter = new RequestCounter();
        var handler = new ApiRetryHandler(new ApiRetryPolicy { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10) },
            counter, (wait, _) => { waits.Add(wait); return Task.CompletedTask; })
        { InnerHandler = script };
        return (new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1/") }, waits, counter);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Busy_or_failing_answers_are_retried_until_one_succeeds(HttpStatusCode code)
    {
        var script = new Script(() => Status(code), () => Status(code), () => Status(HttpStatusCode.OK));
        var (client, waits, counter) = Client(script);
        using var response = await client.GetAsync("api/v1/namespaces/linkerd/secrets/x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, script.Calls);
        Assert.Equal(3, counter.Count);
        Assert.Equal(2, waits.Count);
        Assert.True(waits[1] > waits[0] * 1.4, $"backoff grows: {waits[0]} then {waits[1]}");
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_capped()
    {
        var script = new Script(() => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3)),
            () => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromHours(1)), () => Status(HttpStatusCode.OK));
        var (client, waits, _) = Client(script);
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)], waits);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var script = new Script(() => null, () => Status(HttpStatusCode.OK));
        var (client, waits, _) = Client(script);
        using var response = await client.PostAsync("x", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(waits);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task Answers_a_retry_cannot_change_come_back_at_once(HttpStatusCode code)
    {
        var script = new Script(() => Status(code), () => Status(HttpStatusCode.OK));
        var (client, waits, _) = Client(script);
        using var response = await client.GetAsync("x");
        Assert.Equal(code, response.StatusCode);
        Assert.Equal(1, script.Calls);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task The_last_attempt_returns_the_failure_or_throws_the_drop()
    {
        var failing = new Script(() => Status(HttpStatusCode.ServiceUnavailable));
        var (client, waits, _) = Client(failing, attempts: 3);
        using var response = await client.GetAsync("x");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, failing.Calls);
        Assert.Equal(2, waits.Count);

        var dropping = new Script(() => null);
        var (client2, _, _) = Client(dropping, attempts: 2);
        await Assert.ThrowsAsync<HttpRequestException>(() => client2.GetAsync("x"));
        Assert.Equal(2, dropping.Calls);
    }
}
