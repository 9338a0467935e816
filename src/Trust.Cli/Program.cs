using Trust.Cli;

// The one place that wires the real clock and the real standard streams.
CryptoWarmUp.Start(args);
var (stdout, stderr) = StandardStream.Open();
var exit = TrustCli.Run(args, stdout, stderr, TimeProvider.System);
CryptoWarmUp.Finish();
return exit;
