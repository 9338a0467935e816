using System.Diagnostics;
using Trust.Keys;
using Trust.Pem;
using Trust.Validation;

namespace Trust.Cli.Tests;

/// <summary>
/// The real <c>trust</c> process under signals and concurrent runs: whatever happens beside or to it, a folder holds a
/// complete, consistent set or nothing new, and never a temporary file or a stray key.
/// </summary>
public class ProcessTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "trust.dll");

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info)!;
    }

    private static (int Exit, string Err) Finish(Process p)
    {
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "trust did not exit");
        return (p.ExitCode, err.Result);
    }

    private static string[] Leftovers(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories) : [];

    /// <summary>The four files of an identity set belong together: each key matches its certificate, the issuer verifies.</summary>
    private static void AssertConsistentSet(string dir)
    {
        var anchor = CertificatePem.ReadBytes(File.ReadAllBytes(Path.Combine(dir, "ca.crt")), "ca.crt")[0];
        var issuer = CertificatePem.ReadBytes(File.ReadAllBytes(Path.Combine(dir, "issuer.crt")), "issuer.crt")[0];
        using var anchorKey = PrivateKeyPem.Read(File.ReadAllText(Path.Combine(dir, "ca.key")), "ca.key");
        using var issuerKey = PrivateKeyPem.Read(File.ReadAllText(Path.Combine(dir, "issuer.key")), "issuer.key");
        Assert.True(anchorKey.Matches(anchor.SubjectPublicKeyInfo.Span), "ca.key does not match ca.crt");
        Assert.True(issuerKey.Matches(issuer.SubjectPublicKeyInfo.Span), "issuer.key does not match issuer.crt");
        Assert.True(ChainVerifier.Verify(issuer, [], new CertificatePool([anchor]), issuer.NotBefore.AddMinutes(5), KeyPurpose.Server).IsValid,
            "issuer.crt does not chain to ca.crt");
    }

    [LinuxFact]
    public void Concurrent_inits_into_one_folder_leave_one_complete_set()
    {
        using var dir = new TempDir();
        var pki = dir["pki"];
        for (var round = 0; round < 3; round++)
        {
            var runs = Enumerable.Range(0, 6).Select(_ => Start("init", "--dir", pki, "--force")).ToList();
            foreach (var run in runs)
            {
                var (exit, err) = Finish(run);
                Assert.True(exit == 0, err);
            }
            AssertConsistentSet(pki);
            Assert.Empty(Leftovers(pki));
        }
    }

    [LinuxFact]
    public void Concurrent_inits_without_force_write_once_and_refuse_the_rest()
    {
        using var dir = new TempDir();
        var runs = Enumerable.Range(0, 5).Select(_ => Start("init", "--dir", dir["pki"])).ToList();
        var exits = runs.Select(Finish).ToList();
        Assert.Single(exits, e => e.Exit == 0);
        Assert.All(exits.Where(e => e.Exit != 0), e =>
        {
            Assert.Equal(2, e.Exit);
            Assert.Contains("already exists; use --force to overwrite it", e.Err);
        });
        AssertConsistentSet(dir["pki"]);
    }

    /// <summary>
    /// SIGTERM or SIGINT the moment a temporary file appears (the window in which a killed writer leaves one behind):
    /// the process exits 143/130, or 0 when it finished first, and the folder holds the complete result or nothing of
    /// it, never a temporary file.
    /// </summary>
    [LinuxTheory]
    [InlineData("SIGTERM", 143)]
    [InlineData("SIGINT", 130)]
    public void A_signal_during_init_leaves_a_complete_set_or_none_and_no_key_behind(string signal, int code)
    {
        using var dir = new TempDir();
        var signalled = 0;
        for (var i = 0; i < 6; i++)
        {
            var pki = dir[$"pki{i}"];
            var run = Start("init", "--dir", pki);
            if (SignalWhenTempAppears(run, pki, signal)) signalled++;
            var (exit, err) = Finish(run);
            Assert.True(exit == code || exit == 0, $"exit {exit}: {err}");
            Assert.DoesNotContain("   at ", err);
            Assert.Empty(Leftovers(dir.Path));
            var files = Directory.Exists(pki) ? Directory.GetFiles(pki) : [];
            if (files.Length > 0)
            {
                Assert.Equal(4, files.Length);
                AssertConsistentSet(pki);
            }
        }
        Assert.True(signalled > 0, "no run was signalled while writing: the test proves nothing");
    }

    [LinuxFact]
    public void A_signal_during_a_large_bundle_removes_the_temporary_file()
    {
        using var dir = new TempDir();
        var input = dir["in.pem"];
        using (var writer = new StreamWriter(input))
        {
            // Distinct anchors, so the output is as large as the input and its write takes a while.
            using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
            var factory = new Trust.Certificates.CertificateFactory();
            for (var i = 0; i < 5_000; i++)
                writer.Write(CertificatePem.Write([factory.CreateAnchor(new Trust.Certificates.AnchorProfile(), key, Pki.Now).Certificate]));
        }
        var signalled = 0;
        for (var i = 0; i < 4; i++)
        {
            var output = dir[$"out{i}/b.pem"];
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            var run = Start("bundle", output, input);
            if (SignalWhenTempAppears(run, Path.GetDirectoryName(output)!, "SIGTERM")) signalled++;
            var (exit, err) = Finish(run);
            Assert.True(exit is 143 or 0, $"exit {exit}: {err}");
            Assert.Empty(Leftovers(dir.Path));
            if (exit == 0 || File.Exists(output)) Assert.Equal(5_000, CertificatePem.ReadBytes(File.ReadAllBytes(output), output).Count);
        }
        Assert.True(signalled > 0, "no run was signalled while writing: the test proves nothing");
    }

    [LinuxTheory]
    [InlineData("2>&-")]
    [InlineData("2>/dev/full")]
    public void A_closed_or_full_standard_error_still_ends_with_the_commands_exit_code(string redirect)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"dotnet '{Cli}' inspect /nonexistent/file.crt {redirect}");
        using var run = Process.Start(info)!;
        var (exit, _) = Finish(run);
        Assert.Equal(2, exit);
    }

    [LinuxFact]
    public void Force_never_replaces_a_device_or_a_fifo()
    {
        using var dir = new TempDir();
        using (var mk = Process.Start("mkfifo", [dir["fifo"]])) mk.WaitForExit();
        foreach (var target in new[] { dir["fifo"], "/dev/null" })
        {
            var run = CliRun.Run("anchor", "create", dir["a.crt"], target, "--no-password", "--force");
            Assert.Equal(2, run.Exit);
            Assert.Equal($"trust: {target}: is not a regular file (a device, FIFO or socket); it is never replaced", Assert.Single(run.ErrLines));
        }
        Assert.False(File.Exists(dir["a.crt"]));
        Assert.True(new FileInfo("/dev/null").Length == 0);
    }

    /// <summary>Watches <paramref name="folder"/> and signals the process as soon as a temporary file is in it.</summary>
    private static bool SignalWhenTempAppears(Process process, string folder, string signal)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (!process.HasExited && Environment.TickCount64 < deadline)
        {
            if (Leftovers(folder).Length > 0)
            {
                Signal(process, signal);
                return true;
            }
        }
        return false;
    }

    private static void Signal(Process process, string signal) =>
        Assert.Equal(0, Kill(process.Id, signal == "SIGINT" ? 2 : 15));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
