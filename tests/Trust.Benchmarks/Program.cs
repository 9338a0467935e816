using BenchmarkDotNet.Running;
using Trust.Benchmarks;

string[] plain = ["issue", "merge", "verify", "gen-bundle", "gen-chain"];
if (args.Length > 0 && plain.Contains(args[0])) return BenchCommand.Run(args);
if (args.Length > 0 && args[0] == "rotate") return RotateBench.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(BenchCommand).Assembly).Run(args);
return 0;
