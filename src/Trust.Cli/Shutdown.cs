namespace Trust.Cli;

/// <summary>
/// Work that must end cleanly on SIGINT/SIGTERM/SIGHUP: a <c>trust rotate</c> run is cancelled between requests and
/// given a few seconds to release its Lease (otherwise the next run waits for the Lease to expire).
/// </summary>
internal static class Shutdown
{
    private static readonly CancellationTokenSource Source = new();
    private static Task? _running;

    public static CancellationToken Token => Source.Token;

    /// <summary>Runs <paramref name="work"/> as the work a signal waits for.</summary>
    public static T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = work(Source.Token);
        _running = task;
        try
        {
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            _running = null;
        }
    }

    /// <summary>The exit code of the signal that cancelled the work (128 + its number); null before one arrived.</summary>
    public static int? ExitCode { get; private set; }

    /// <summary>Cancels the running work and waits up to <paramref name="grace"/> for it to end.</summary>
    public static void CancelAndWait(TimeSpan grace, int exitCode)
    {
        ExitCode = exitCode;
        Source.Cancel();
        try
        {
            _running?.Wait(grace);
        }
        catch (AggregateException)
        {
            // It ended by cancellation, as asked.
        }
    }
}
