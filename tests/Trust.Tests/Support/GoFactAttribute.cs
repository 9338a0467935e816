namespace Trust.Tests.Support;

/// <summary>
/// A fact that needs the Go toolchain: reported as skipped, with the reason, where <c>go</c> is not on PATH (.ci/run
/// and tests/interop/run.sh install Debian's golang-go).
/// </summary>
public sealed class GoFactAttribute : FactAttribute
{
    public GoFactAttribute()
    {
        if (GoTool.Path is null) Skip = "go is not installed: apt-get install golang-go (.ci/run installs it before the tests)";
    }
}

/// <summary>Finds and runs the Go toolchain.</summary>
public static class GoTool
{
    public static string? Path { get; } = Find();

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "go.exe" : "go"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs <c>go run</c> on one standard-library-only program (GOPATH mode: no module is fetched).</summary>
    public static (int Exit, string Output, string Error) Run(string program, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path ?? throw new InvalidOperationException("go is not installed"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = System.IO.Path.GetDirectoryName(program)!,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(program);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOTOOLCHAIN"] = "local";
        start.Environment["GOFLAGS"] = "";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOCACHE")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HOME")))
            start.Environment["GOCACHE"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trust-tests-gocache");
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("cannot start go");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException("go run took over 5 minutes"); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
