namespace Trust.Cli;

/// <summary>Process exit codes, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Success (check passed, chain valid, or for needs-renewal: renewal needed).</summary>
    public const int Ok = 0;
    /// <summary>A check or verification failed (needs-renewal: not yet).</summary>
    public const int Failed = 1;
    /// <summary>Bad input or usage: unreadable or malformed file, bad option.</summary>
    public const int BadInput = 2;
    /// <summary>An unexpected internal error (a bug).</summary>
    public const int Internal = 70;
}
