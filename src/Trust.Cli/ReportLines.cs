using System.Text;

namespace Trust.Cli;

/// <summary>
/// Lines of text output (the rotate report, the hints of init) that fit an 80-column terminal: prose breaks between
/// words onto indented lines; a shell command breaks between words with a trailing <c>\</c>, so a pasted command stays
/// one command. A single word longer than a line (a long object name) is never cut.
/// </summary>
internal static class ReportLines
{
    public const int Width = 80;

    /// <summary>Writes <paramref name="prefix"/> then <paramref name="text"/>, continuing on lines that start with
    /// <paramref name="indent"/>.</summary>
    public static void Prose(TextWriter o, string prefix, string text, string indent) =>
        Wrap(o, prefix, text.Split(' '), indent, lineEnd: "");

    /// <summary>Writes a shell command at <paramref name="indent"/>, continued with <c>\</c> on lines indented two more.</summary>
    public static void Command(TextWriter o, string indent, string command) =>
        Wrap(o, indent, Words(command), indent + "  ", lineEnd: " \\");

    /// <summary>Fills lines of <see cref="Width"/> columns with <paramref name="words"/>: the first after
    /// <paramref name="prefix"/>, the rest after <paramref name="indent"/>; every line but the last ends with
    /// <paramref name="lineEnd"/>, for which each keeps room.</summary>
    private static void Wrap(TextWriter o, string prefix, IEnumerable<string> words, string indent, string lineEnd)
    {
        var line = new StringBuilder(prefix);
        var first = true;
        foreach (var word in words)
        {
            if (!first && line.Length + 1 + word.Length + lineEnd.Length > Width)
            {
                o.WriteLine(line.ToString().TrimEnd() + lineEnd);
                line.Clear().Append(indent).Append(word);
            }
            else
            {
                if (!first) line.Append(' ');
                line.Append(word);
            }
            first = false;
        }
        o.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>The words of a command, a single-quoted word (which may hold spaces) kept whole.</summary>
    private static List<string> Words(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in command)
        {
            if (c == '\'') quoted = !quoted;
            if (c == ' ' && !quoted)
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
            }
            else word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }
}
