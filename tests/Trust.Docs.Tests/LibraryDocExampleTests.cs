using Xunit.Abstractions;

namespace Trust.Docs.Tests;

/// <summary>Every example of docs/library.md compiles as a console program on its own, runs, and prints what the guide shows.</summary>
public sealed class LibraryDocExampleTests(ITestOutputHelper log)
{
    private static readonly Lazy<LibraryDoc> Doc = new(LibraryDoc.Load);

    public static TheoryData<int> ExampleNumbers() => [.. Doc.Value.Examples.Select(e => e.Number)];

    [Fact]
    public void The_guide_has_a_numbered_example_for_each_capability_in_order()
    {
        var numbers = Doc.Value.Examples.Select(e => e.Number).ToArray();
        Assert.True(numbers.Length >= 12, $"expected at least 12 examples, found {numbers.Length}");
        Assert.Equal(Enumerable.Range(1, numbers.Length), numbers);
    }

    [Theory]
    [MemberData(nameof(ExampleNumbers))]
    public void Example_compiles_alone_runs_and_prints_the_documented_output(int number)
    {
        var example = Doc.Value.Examples.Single(e => e.Number == number);
        var where = $"{LibraryDoc.FileName}:{example.Line} (example {example.Number}, '{example.Title}')";

        var run = ExampleRunner.Run(example.Code, $"DocExample{example.Number}");
        log.WriteLine(run.Output);

        Assert.True(run.Errors.Count == 0, $"{where} does not compile cleanly:\n{string.Join('\n', run.Errors)}");
        Assert.True(run.Exception is null, $"{where} threw {run.Exception}\nOutput so far:\n{run.Output}");
        Assert.True(run.ExitCode == 0, $"{where} returned {run.ExitCode}\nOutput:\n{run.Output}");
        var mismatch = ExpectedOutput.Mismatch(example.ExpectedOutput, run.Output);
        Assert.True(mismatch is null, $"{where} printed other output than documented: {mismatch}\nIt printed:\n{run.Output}");
    }
}
