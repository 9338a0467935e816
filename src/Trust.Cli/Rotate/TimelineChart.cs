using System.Globalization;
using Trust.Rotation;
using Trust.Time;

namespace Trust.Cli.Rotate;

/// <summary>
/// A <see cref="RotationTimeline"/> as text for an 80-column terminal. Anchors are bars on one time axis; issuers are
/// bars on a second, zoomed axis of their own (a 48h issuer next to a one-year anchor would be less than one column).
/// Each bar is <c>[===R---]</c>: valid from <c>[</c> to <c>]</c>, <c>R</c> at its renewal time (for the current anchor:
/// the start of its rotation), <c>-</c> past it; <c>|</c> marks now on every row. The coming changes follow as a list
/// with dates and relative times.
/// </summary>
internal static class TimelineChart
{
    public const int Width = ReportLines.Width;
    private const int LabelWidth = 16;
    private const int NoteWidth = 16;

    /// <summary>Columns of a bar: what the label and the note ("ends in 99d 23h") leave of the width.</summary>
    public const int BarWidth = Width - LabelWidth - 1 - 1 - NoteWidth;

    public static void Write(TextWriter o, RotationTimeline timeline)
    {
        var now = timeline.Now;
        o.WriteLine($"timeline, now {Rfc3339.Format(now)}");
        o.WriteLine("  [====] valid   R renewal or rotation start   - past it   | now");
        // Labels are the library's words: "current anchor", "next anchor", "previous anchor", "issuer".
        var anchors = timeline.Windows.Where(w => w.Label.EndsWith("anchor", StringComparison.Ordinal)).ToList();
        var issuers = timeline.Windows.Except(anchors).ToList();
        Axis(o, "anchors", anchors, now);
        Axis(o, "issuers", issuers, now);
        if (timeline.Windows.Count == 0) o.WriteLine("  no anchor or issuer yet");
        if (timeline.Milestones.Count == 0) return;
        o.WriteLine("coming changes");
        foreach (var m in timeline.Milestones)
        {
            var what = m.Cluster is null ? m.Label : $"{m.Label} ({m.Cluster})";
            if (m.Earliest && !m.Label.Contains("earliest", StringComparison.Ordinal)) what += ", at the earliest";
            ReportLines.Prose(o, $"  {Rfc3339.Format(m.At)}  {RelativeTime.From(m.At, now),-11}  ", what, new string(' ', 37));
        }
    }

    private static void Axis(TextWriter o, string title, IReadOnlyList<TimelineWindow> windows, DateTimeOffset now)
    {
        if (windows.Count == 0) return;
        var start = Min(windows.Min(w => w.NotBefore), now);
        var end = Max(windows.Max(w => w.NotAfter), now);
        if (end <= start) end = start.AddSeconds(1);
        var scale = new Scale(start, end);

        // The axis: its first and last date under the bars' ends, and 'v' over now where it fits.
        var fine = end - start < TimeSpan.FromDays(10);
        string Date(DateTimeOffset t) => t.UtcDateTime.ToString(fine ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var axis = Blank();
        var (first, last) = (Date(start), Date(end));
        first.CopyTo(0, axis, 0, first.Length);
        last.CopyTo(0, axis, BarWidth - last.Length, last.Length);
        var nowColumn = scale.Column(now);
        if (nowColumn > first.Length && nowColumn < BarWidth - last.Length - 1) axis[nowColumn] = 'v';
        o.WriteLine($"{title,-LabelWidth} {new string(axis)}".TrimEnd());

        foreach (var w in windows) o.WriteLine(Row(w, scale, now));
        o.WriteLine($"{"",-LabelWidth} one column = {RelativeTime.Span(scale.PerColumn)}, dates UTC");
    }

    private static string Row(TimelineWindow w, Scale scale, DateTimeOffset now)
    {
        var bar = Blank();
        var (from, to) = (scale.Column(w.NotBefore), scale.Column(w.NotAfter));
        int? renew = w.RenewAt is { } r && r >= w.NotBefore && r <= w.NotAfter ? scale.Column(r) : null;
        for (var i = from; i <= to; i++) bar[i] = renew is { } c && i > c ? '-' : '=';
        if (to > from) (bar[from], bar[to]) = ('[', ']');
        if (renew is { } column) bar[column] = 'R';
        bar[scale.Column(now)] = '|';
        var label = w.Cluster is null ? w.Label : $"{w.Label} {w.Cluster}";
        var note = w.NotAfter > now ? $"ends in {RelativeTime.Span(w.NotAfter - now)}" : $"ended {RelativeTime.Span(now - w.NotAfter)} ago";
        return $"{Fit(label)} {new string(bar)} {note}";
    }

    private static string Fit(string label) =>
        label.Length <= LabelWidth ? label.PadRight(LabelWidth) : label[..(LabelWidth - 1)] + "~";

    private static char[] Blank()
    {
        var row = new char[BarWidth];
        Array.Fill(row, ' ');
        return row;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Maps times between two ends onto the columns of a bar.</summary>
    private sealed record Scale(DateTimeOffset Start, DateTimeOffset End)
    {
        public TimeSpan PerColumn => TimeSpan.FromTicks((End - Start).Ticks / (BarWidth - 1));

        public int Column(DateTimeOffset t) =>
            (int)Math.Clamp(Math.Round((t - Start).Ticks / (double)(End - Start).Ticks * (BarWidth - 1)), 0, BarWidth - 1);
    }
}
