using System.Text.RegularExpressions;

namespace Trust.Docs.Tests;

/// <summary>
/// Compares what an example printed with the output the guide shows: line for line, trailing spaces ignored, where
/// <c>…</c> in the guide stands for any text on that line (a random fingerprint, today's date).
/// </summary>
public static class ExpectedOutput
{
    public const string Wildcard = "…";

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>, else the first difference.</summary>
    public static string? Mismatch(string expected, string actual)
    {
        var want = Lines(expected);
        var got = Lines(actual);
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            if (i >= want.Length) return $"line {i + 1}: printed '{got[i]}' after the last documented line";
            if (i >= got.Length) return $"line {i + 1}: expected '{want[i]}', but the output ended";
            if (!Pattern(want[i]).IsMatch(got[i])) return $"line {i + 1}: expected '{want[i]}', printed '{got[i]}'";
        }
        return null;
    }

    private static string[] Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
        return lines is [""] ? [] : lines;
    }

    private static Regex Pattern(string line) =>
        new("^" + string.Join(".*", line.Split(Wildcard).Select(Regex.Escape)) + "$", RegexOptions.Singleline);
}
