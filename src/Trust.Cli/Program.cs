using Trust.Cli;

// The one place that wires the real clock and the real console.
return TrustCli.Run(args, Console.Out, Console.Error, TimeProvider.System);
