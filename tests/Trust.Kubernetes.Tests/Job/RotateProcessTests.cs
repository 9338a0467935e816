using System.Diagnostics;
using Trust.Kubernetes.Testing;
using static Trust.Kubernetes.Tests.Job.JobHarness;

namespace Trust.Kubernetes.Tests.Job;

/// <summary><c>trust rotate</c> as a process against the fake API server.</summary>
public class RotateProcessTests
{
    private static string TrustDll()
    {
        // tests/Trust.Kubernetes.Tests/bin/CONFIG/net10.0/ -> src/Trust.Cli/bin/CONFIG/net10.0/trust.dll
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var config = dir.Parent!.Name;
        var root = dir.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", "Trust.Cli", "bin", config, "net10.0", "trust.dll");
    }

    [Fact]
    public async Task SIGTERM_during_a_run_releases_the_lease_and_exits_143()
    {
        await using var h = await StartAsync();
        // Hold the run inside its pod listing, after it took the Lease.
        h.Home.Faults.Add(Fault.Delay(TimeSpan.FromSeconds(8)), method: "GET", path: p => p == "/api/v1/pods", times: 1);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { TrustDll(), "rotate", "--kubeconfig", h.Kubeconfig, "--context", "c0", "--anchor-namespace", AnchorNs, "--holder", "signal-test" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (h.Home.Requests.All.All(r => r.Path != "/api/v1/pods") && DateTime.UtcNow < deadline) await Task.Delay(50);
        var lease = h.Get(h.Home, KubeResource.Leases, AnchorNs, "trust-rotate");
        Assert.Equal("signal-test", lease!["spec"]!["holderIdentity"]!.GetValue<string>());

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill!.WaitForExitAsync();
        Assert.True(process.WaitForExit(20_000), "trust rotate did not end after SIGTERM");
        Assert.Equal(143, process.ExitCode);
        Assert.DoesNotContain("   at ", await stderr);
        lease = h.Get(h.Home, KubeResource.Leases, AnchorNs, "trust-rotate");
        Assert.Equal("", lease!["spec"]!["holderIdentity"]?.GetValue<string>() ?? "");
    }
}
