using System.Diagnostics;
using System.Runtime.InteropServices;
using k8s;
using Trust.Kubernetes.Testing;

namespace Trust.Kubernetes.Tests;

/// <summary>The standalone server, as a benchmark runs it in a process of its own.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task The_standalone_server_writes_a_kubeconfig_serves_pods_and_stops_on_SIGTERM()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(FakeApiServer).Assembly.Location, "--kubeconfig", dir["config"], "--pods", "7", "--namespace", "emojivoto" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("listening on https://127.0.0.1:", banner);

            using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir["config"]));
            var pods = await client.CoreV1.ListNamespacedPodAsync("emojivoto");
            Assert.Equal(7, pods.Items.Count);

            Assert.Equal(0, Kill(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.StartsWith("stopping after 1 requests", await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    [Fact]
    public async Task The_standalone_server_refuses_a_bad_command_line()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(FakeApiServer).Assembly.Location);
        start.ArgumentList.Add("--pods");
        using var process = Process.Start(start)!;

        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("fake-apiserver: unexpected argument '--pods'", error);
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
