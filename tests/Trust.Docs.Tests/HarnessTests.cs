namespace Trust.Docs.Tests;

/// <summary>The pieces the doc tests rest on: output matching, parsing the guide, and a runner that reports failures.</summary>
public sealed class HarnessTests
{
    [Theory]
    [InlineData("a\nb\n", "a\nb\n")]
    [InlineData("a\nb", "a  \nb\n\n")]
    [InlineData("sha256 …", "sha256 0123abcd")]
    [InlineData("valid until …Z", "valid until 2036-01-01T00:00:00Z")]
    [InlineData("(a.b) … [x]", "(a.b) anything [x]")]
    public void Matching_output_is_accepted(string expected, string actual) => Assert.Null(ExpectedOutput.Mismatch(expected, actual));

    [Theory]
    [InlineData("a\nb", "a\n", "line 2: expected 'b', but the output ended")]
    [InlineData("a", "a\nb", "line 2: printed 'b' after the last documented line")]
    [InlineData("a.b", "axb", "line 1: expected 'a.b', printed 'axb'")]
    [InlineData("until …Z", "until 2036", "line 1: expected 'until …Z', printed 'until 2036'")]
    public void Differing_output_is_reported_by_line(string expected, string actual, string mismatch) =>
        Assert.Equal(mismatch, ExpectedOutput.Mismatch(expected, actual));

    [Fact]
    public void A_numbered_section_yields_its_code_and_output()
    {
        var doc = LibraryDoc.Parse("# Guide\n\n## 1. First\n\n```csharp\nConsole.WriteLine(1);\n```\n\nIt prints:\n\n```text\n1\n```\n\n## Reference\n\n| `Trust.A.B` | for | 1 |\n");

        var example = Assert.Single(doc.Examples);
        Assert.Equal((1, "First", "Console.WriteLine(1);", "1"), (example.Number, example.Title, example.Code, example.ExpectedOutput));
        var row = Assert.Single(doc.TypeRows);
        Assert.Equal("Trust.A.B", row.FullName);
        Assert.Equal([1], row.Examples);
    }

    [Theory]
    [InlineData("## 1. A\n```csharp\nx\n```\n## 2. B\n", "a csharp block without a ```text block")]
    [InlineData("## A\n```csharp\nx\n```\n```text\n```\n", "outside a numbered section")]
    [InlineData("## 1. A\n```csharp\nx\n```\n```text\n```\n```csharp\ny\n```\n```text\n```\n", "a second csharp block")]
    [InlineData("## 1. A\n```csharp\nx\n", "never closed")]
    public void A_malformed_guide_is_refused(string text, string problem) =>
        Assert.Contains(problem, Assert.Throws<FormatException>(() => LibraryDoc.Parse(text)).Message);

    [Fact]
    public void The_runner_reports_compiler_errors_exceptions_and_exit_codes()
    {
        Assert.Contains(ExampleRunner.Run("Console.WriteLine(Trust.Nothing.Here);", "Broken").Errors, e => e.Contains("CS0234"));
        Assert.Contains(ExampleRunner.Run("string? s = null; Console.WriteLine(s.Length);", "Warns").Errors, e => e.Contains("CS8602"));
        Assert.IsType<InvalidOperationException>(ExampleRunner.Run("throw new InvalidOperationException(\"x\");", "Throws").Exception);
        Assert.Equal(3, ExampleRunner.Run("return 3;", "Returns").ExitCode);
        Assert.Equal("hello\n", ExampleRunner.Run("await Task.Yield(); Console.WriteLine(\"hello\");", "Awaits").Output);
    }

    [Fact]
    public void Examples_see_the_framework_and_the_package_but_not_the_test_packages()
    {
        Assert.Empty(ExampleRunner.Run("Console.WriteLine(Trust.Identity.TrustDomain.Default);", "Package").Errors);
        Assert.Contains(ExampleRunner.Run("Console.WriteLine(typeof(Xunit.Assert));", "NoXunit").Errors, e => e.Contains("CS0246") || e.Contains("CS0234"));
    }
}
