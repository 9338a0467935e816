using System.Text.RegularExpressions;

namespace Trust.Docs.Tests;

/// <summary>One example of the guide: a complete program and the output it is documented to print.</summary>
/// <param name="Number">The number of its section (<c>## 3. Title</c>).</param>
/// <param name="Title">The section title.</param>
/// <param name="Code">The <c>csharp</c> block: a whole Program.cs.</param>
/// <param name="ExpectedOutput">The <c>text</c> block that follows it; <c>…</c> stands for text that differs per run.</param>
/// <param name="Line">The line of the code block in the guide, for messages.</param>
public sealed record DocExample(int Number, string Title, string Code, string ExpectedOutput, int Line);

/// <summary>One row of the guide's reference table: a public type, and the examples that show it.</summary>
public sealed record DocTypeRow(string FullName, IReadOnlyList<int> Examples, int Line);

/// <summary>
/// docs/library.md as the tests read it: numbered sections (<c>## N. Title</c>) each with one <c>csharp</c> block and
/// the <c>text</c> block of its output, and a reference table whose rows start with a type's full name in backticks.
/// </summary>
public sealed partial class LibraryDoc
{
    public const string FileName = "library.md";

    private LibraryDoc(IReadOnlyList<DocExample> examples, IReadOnlyList<DocTypeRow> rows, string text)
    {
        Examples = examples;
        TypeRows = rows;
        Text = text;
    }

    public IReadOnlyList<DocExample> Examples { get; }

    public IReadOnlyList<DocTypeRow> TypeRows { get; }

    public string Text { get; }

    /// <summary>The guide as copied beside the test assembly at build time.</summary>
    public static LibraryDoc Load() => Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, FileName)));

    [GeneratedRegex(@"^## (\d+)\. (.+)$")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^\| `(Trust(?:\.[A-Za-z0-9_]+)+(?:<[A-Za-z, ]+>)?)` \|.*\| ([0-9, ]+) \|$")]
    private static partial Regex TypeRow();

    /// <summary>Parses the guide; a malformed example section is an error here, so a broken doc fails loudly.</summary>
    public static LibraryDoc Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var examples = new List<DocExample>();
        var rows = new List<DocTypeRow>();
        (int Number, string Title)? section = null;
        (string Code, int Line)? pending = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (pending is not null) throw new FormatException($"{FileName}:{pending.Value.Line}: a csharp block without a ```text block of its output");
                var heading = NumberedHeading().Match(line);
                section = heading.Success ? (int.Parse(heading.Groups[1].Value), heading.Groups[2].Value) : null;
                continue;
            }
            if (TypeRow().Match(line) is { Success: true } row)
            {
                var numbers = row.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
                rows.Add(new DocTypeRow(row.Groups[1].Value, numbers, i + 1));
                continue;
            }
            if (!line.StartsWith("```", StringComparison.Ordinal)) continue;
            var language = line[3..].Trim();
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end] != "```") end++;
            if (end == lines.Length) throw new FormatException($"{FileName}:{i + 1}: a ``` block that is never closed");
            var body = string.Join('\n', lines[start..end]);
            if (language == "csharp")
            {
                if (section is null) throw new FormatException($"{FileName}:{i + 1}: a csharp block outside a numbered section (## N. Title)");
                if (pending is not null) throw new FormatException($"{FileName}:{pending.Value.Line}: a csharp block without a ```text block of its output");
                if (examples.Any(e => e.Number == section.Value.Number))
                    throw new FormatException($"{FileName}:{i + 1}: section {section.Value.Number} has a second csharp block; one complete program per section");
                pending = (body, i + 1);
            }
            else if (language == "text" && pending is { } code)
            {
                examples.Add(new DocExample(section!.Value.Number, section.Value.Title, code.Code, body, code.Line));
                pending = null;
            }
            i = end;
        }
        if (pending is not null) throw new FormatException($"{FileName}:{pending.Value.Line}: a csharp block without a ```text block of its output");
        return new LibraryDoc(examples, rows, text);
    }
}
