using System.Diagnostics;
using System.Globalization;
using Trust.Kubernetes.Testing;

namespace Trust.Benchmarks;

/// <summary>
/// <c>rotate --trust CMD [--pods N] [--runs R]</c>: a steady-state <c>trust rotate</c> run (nothing to write) against
/// the fake API server holding N running meshed pods. The server runs in this process; the job runs as its own process
/// under /usr/bin/time, so its wall time, CPU time (user + system) and peak memory are its own. Prints one line per run
/// and the median: <c>rotate pods=N wall_ms=… cpu_ms=… maxrss_mb=… requests=…</c>.
/// </summary>
internal static class RotateBench
{
    public static int Run(string[] args)
    {
        string? trust = null;
        int pods = 10_000, runs = 5;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--trust": trust = args[++i]; break;
                case "--pods": pods = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"rotate: unknown argument {args[i]}"); return 2;
            }
        }
        if (trust is null) { Console.Error.WriteLine("rotate: --trust PATH (the trust binary or trust.dll) is required"); return 2; }
        return RunAsync(trust, pods, runs).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string trust, int pods, int runs)
    {
        var dir = Directory.CreateTempSubdirectory("trust-rotate-bench-").FullName;
        try
        {
            await using var server = await FakeApiServer.StartAsync(new FakeApiOptions { Namespaces = ["default", "linkerd", "trust-system", "shop"] });
            var kubeconfig = server.WriteKubeconfig(Path.Combine(dir, "config"), "bench");
            var boot = Job(trust, kubeconfig);
            if (boot.Exit != 0) { Console.Error.WriteLine($"rotate: bootstrap run exited {boot.Exit}"); return 1; }
            if (!server.TryGet(KubeResource.ConfigMaps, "linkerd", "linkerd-identity-trust-roots", out var map)) return 1;
            var bundle = map["data"]!["ca-bundle.crt"]!.GetValue<string>();
            server.AddMeshedPods("shop", pods, bundle);
            server.AddPod("linkerd", "linkerd-identity-5d8f7c9b6-abcde",
                new Dictionary<string, string> { ["linkerd.io/control-plane-component"] = "identity" }, creationTimestamp: DateTimeOffset.UtcNow, trustAnchorsPem: bundle);
            var results = new List<(double Wall, double Cpu, double Rss, int Requests)>();
            for (var run = 0; run < runs; run++)
            {
                server.Requests.Clear();
                var r = Job(trust, kubeconfig);
                if (r.Exit != 0) { Console.Error.WriteLine($"rotate: steady-state run exited {r.Exit}"); return 1; }
                results.Add((r.Wall, r.Cpu, r.Rss, server.Requests.Count));
                Console.WriteLine(Line("rotate-run", pods, results[^1]));
            }
            var median = results.OrderBy(x => x.Wall).ElementAt(results.Count / 2);
            Console.WriteLine(Line("rotate", pods, median));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string Line(string name, int pods, (double Wall, double Cpu, double Rss, int Requests) r) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} pods={pods} wall_ms={r.Wall:F0} cpu_ms={r.Cpu:F0} maxrss_mb={r.Rss:F1} requests={r.Requests}");

    private static (int Exit, double Wall, double Cpu, double Rss) Job(string trust, string kubeconfig)
    {
        var report = Path.GetTempFileName();
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-o", report, "-f", "%e %U %S %M" }) start.ArgumentList.Add(a);
        if (trust.EndsWith(".dll", StringComparison.Ordinal)) start.ArgumentList.Add("dotnet");
        foreach (var a in new[] { trust, "rotate", "--kubeconfig", kubeconfig, "--anchor-namespace", "trust-system", "--format", "json" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        var f = File.ReadAllText(report).Trim().Split('\n')[^1].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        File.Delete(report);
        return (process.ExitCode, f[0] * 1000, (f[1] + f[2]) * 1000, f[3] / 1024);
    }
}
