using Trust.Fuzz;

namespace Trust.Tests.Fuzz;

/// <summary>
/// Replays every seed (tests/Trust.Fuzz/corpus/TARGET) and every crash the fuzzer found (tests/Trust.Fuzz/crashes/TARGET)
/// through the same targets afl-fuzz runs: deterministic, so a fixed crash stays fixed and CI needs no fuzzer.
/// </summary>
public class CorpusReplayTests
{
    // Far above any input's real time (milliseconds); an input that takes this long reproduces a hang.
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(30);

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fuzz");

    public static TheoryData<string> Targets => new(FuzzTargets.Names);

    [Fact]
    public void Every_corpus_and_crash_folder_is_named_after_a_target_and_every_target_has_seeds()
    {
        foreach (var kind in new[] { "corpus", "crashes" })
        {
            var folder = Path.Combine(Root, kind);
            if (!Directory.Exists(folder)) continue;
            foreach (var sub in Directory.GetDirectories(folder))
                Assert.Contains(Path.GetFileName(sub), FuzzTargets.Names);
        }
        foreach (var target in FuzzTargets.Names)
            Assert.Contains(Inputs(target), path => path.Contains($"corpus{Path.DirectorySeparatorChar}"));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Every_seed_and_every_crash_found_returns_a_value_or_findings(string target)
    {
        var failures = new List<string>();
        foreach (var path in Inputs(target))
        {
            var input = File.ReadAllBytes(path);
            var name = Path.GetRelativePath(Root, path);
            var run = Task.Run(() => FuzzTargets.Run(target, input));
            try
            {
                await run.WaitAsync(PerInputLimit);
            }
            catch (TimeoutException) when (!run.IsCompleted)
            {
                failures.Add($"{name}: did not finish in {PerInputLimit.TotalSeconds:0} s");
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} input(s) broke the '{target}' target:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public void An_unknown_target_is_a_programmer_error() =>
        Assert.Throws<ArgumentException>(() => FuzzTargets.Run("nope", []));

    private static IEnumerable<string> Inputs(string target) =>
        new[] { "corpus", "crashes" }
            .Select(kind => Path.Combine(Root, kind, target))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder).Order(StringComparer.Ordinal));
}
