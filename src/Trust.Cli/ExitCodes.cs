namespace Trust.Cli;

/// <summary>Process exit codes, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Success (check passed, chain valid, or for needs-renewal: renewal needed).</summary>
    public const int Ok = 0;
    /// <summary>A check or verification failed (needs-renewal: not yet; rotate: not in a good state after the run).</summary>
    public const int Failed = 1;
    /// <summary>Bad input or usage: unreadable or malformed file, bad option.</summary>
    public const int BadInput = 2;
    /// <summary>rotate: the state is one the job cannot repair (a corrupt object, a foreign owner); nothing written.</summary>
    public const int Stopped = 3;
    /// <summary>rotate: another run holds the Lease; nothing written.</summary>
    public const int Busy = 4;
    /// <summary>rotate: a kubeconfig, connection or API failure (one line names the object and the API server's message).</summary>
    public const int ClusterFailure = 5;
    /// <summary>An unexpected internal error (a bug).</summary>
    public const int Internal = 70;
}
