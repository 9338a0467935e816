using System.Text.RegularExpressions;

namespace Trust.Docs.Tests;

/// <summary>The guide's reference table and the declared public API (PublicAPI.Unshipped.txt) name the same types.</summary>
public sealed partial class LibraryDocReferenceTests
{
    private static readonly Lazy<LibraryDoc> Doc = new(LibraryDoc.Load);

    // A type's own line in the API file is its full name alone: "Trust.Bundles.TrustBundle", "Trust.Findings.ReadResult<T>".
    [GeneratedRegex(@"^Trust(\.[A-Za-z_][A-Za-z0-9_]*)+(<[A-Za-z, ]+>)?$")]
    private static partial Regex TypeLine();

    private static IReadOnlyList<string> PublicTypes() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "PublicAPI.Unshipped.txt")).Select(l => l.Trim()).Where(l => TypeLine().IsMatch(l))];

    // "Trust.Findings.ReadResult<T>" -> "ReadResult": the name that code and prose use.
    private static string ShortName(string fullName)
    {
        var bare = fullName.Split('<')[0];
        return bare[(bare.LastIndexOf('.') + 1)..];
    }

    [Fact]
    public void The_api_file_lists_public_types()
    {
        Assert.True(PublicTypes().Count >= 40, $"found only {PublicTypes().Count} types in PublicAPI.Unshipped.txt; has its format changed?");
    }

    [Fact]
    public void Every_public_type_is_mentioned_in_the_guide()
    {
        var missing = PublicTypes().Where(t => !Regex.IsMatch(Doc.Value.Text, $@"\b{Regex.Escape(ShortName(t))}\b")).ToList();
        Assert.True(missing.Count == 0, $"public types that {LibraryDoc.FileName} never mentions: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_public_type_has_a_row_in_the_reference_table()
    {
        var rows = Doc.Value.TypeRows.Select(r => r.FullName).ToHashSet(StringComparer.Ordinal);
        var missing = PublicTypes().Where(t => !rows.Contains(t)).ToList();
        Assert.True(missing.Count == 0, $"public types without a row in the reference table of {LibraryDoc.FileName}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_row_of_the_reference_table_is_a_public_type_listed_once()
    {
        var types = PublicTypes().ToHashSet(StringComparer.Ordinal);
        var stale = Doc.Value.TypeRows.Where(r => !types.Contains(r.FullName)).Select(r => $"{r.FullName} (line {r.Line})").ToList();
        Assert.True(stale.Count == 0, $"rows naming types that are not public API: {string.Join(", ", stale)}");
        var twice = Doc.Value.TypeRows.GroupBy(r => r.FullName).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"types with more than one row: {string.Join(", ", twice)}");
    }

    [Fact]
    public void Each_row_names_examples_whose_code_uses_the_type()
    {
        var examples = Doc.Value.Examples.ToDictionary(e => e.Number);
        var wrong = new List<string>();
        foreach (var row in Doc.Value.TypeRows)
        {
            if (row.Examples.Count == 0) wrong.Add($"{row.FullName} (line {row.Line}) names no example");
            foreach (var number in row.Examples)
            {
                if (!examples.TryGetValue(number, out var example)) wrong.Add($"{row.FullName} (line {row.Line}) names example {number}, which does not exist");
                else if (!Regex.IsMatch(example.Code, $@"\b{Regex.Escape(ShortName(row.FullName))}\b"))
                    wrong.Add($"{row.FullName} (line {row.Line}) names example {number}, whose code does not use {ShortName(row.FullName)}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
