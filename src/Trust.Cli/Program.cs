using System.Runtime.InteropServices;
using Trust.Cli;
using Trust.Cli.Files;

// The one place that wires the real clock, the real standard streams and the process's signals.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, EndBySignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, EndBySignal);
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, EndBySignal);
var (stdout, stderr) = StandardStream.Open();
return TrustCli.Run(args, stdout, stderr, TimeProvider.System);

// SIGINT, SIGTERM or SIGHUP: let a rotate run release its Lease, remove every temporary file (never a key left behind), then exit 128 + the signal number,
// as a shell reports a process ended by it (130, 143, 129). Files already renamed into place are a complete set.
static void EndBySignal(PosixSignalContext context)
{
    context.Cancel = true;
    // A rotate run stops between requests and releases its Lease; a file command has nothing to wait for.
    var exit = context.Signal switch { PosixSignal.SIGINT => 130, PosixSignal.SIGHUP => 129, _ => 143 };
    Shutdown.CancelAndWait(TimeSpan.FromSeconds(5), exit);
    TempFiles.RemoveAllForExit();
    Environment.Exit(exit);
}
