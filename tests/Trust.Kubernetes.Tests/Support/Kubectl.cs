using System.Diagnostics;
using Trust.Kubernetes.Testing;

namespace Trust.Kubernetes.Tests.Support;

public sealed record KubectlResult(int Exit, string Out, string Err)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The real kubectl, run as a process against one fake server: its own kubeconfig, discovery cache and HOME in a
/// temporary folder, so that nothing of the user's ~/.kube is read or written.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDir _dir = new();
    private readonly string _kubeconfig;

    /// <summary>A kubectl for the server; <paramref name="editConfig"/> may change the kubeconfig text first.</summary>
    public Kubectl(FakeApiServer server, Func<string, string>? editConfig = null)
    {
        _kubeconfig = server.WriteKubeconfig(_dir["config"], "fake", "default");
        if (editConfig is not null) File.WriteAllText(_kubeconfig, editConfig(File.ReadAllText(_kubeconfig)));
    }

    /// <summary>kubectl's full path, or null when it is not on PATH.</summary>
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "kubectl"))
        .FirstOrDefault(File.Exists);

    public string Write(string name, string text) => _dir.Write(name, text);

    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("kubectl is not on PATH"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--kubeconfig", _kubeconfig, "--cache-dir", _dir["cache"], "--request-timeout=30s" }.Concat(args))
            start.ArgumentList.Add(arg);
        start.Environment.Remove("KUBECONFIG");
        start.Environment["HOME"] = _dir.Path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {Timeout}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>A fact that runs the real kubectl: reported as skipped, with the reason, where kubectl is not on PATH.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Executable is null) Skip = "kubectl is not on PATH: these tests run the real kubectl against the fake server";
    }
}
