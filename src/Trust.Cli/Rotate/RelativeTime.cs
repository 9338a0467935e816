namespace Trust.Cli.Rotate;

/// <summary>Spans of time as a person says them at a glance: <c>in 3d 4h</c>, <c>16h ago</c>. Cut down, never
/// rounded up: "in 3d 4h" may be up to an hour more.</summary>
internal static class RelativeTime
{
    /// <summary><c>3d 4h</c>, <c>16h 5m</c>, <c>45m</c>, <c>30s</c>; whole days from 100 days on.</summary>
    public static string Span(TimeSpan span)
    {
        span = span.Duration();
        var days = (long)span.TotalDays;
        if (days >= 100) return $"{days}d";
        if (days >= 1) return span.Hours == 0 ? $"{days}d" : $"{days}d {span.Hours}h";
        if (span.Hours >= 1) return span.Minutes == 0 ? $"{span.Hours}h" : $"{span.Hours}h {span.Minutes}m";
        if (span.Minutes >= 1) return $"{span.Minutes}m";
        return $"{span.Seconds}s";
    }

    /// <summary><c>in 3d 4h</c>, <c>now</c> (within a second) or <c>2h ago</c>.</summary>
    public static string From(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        if (span.Duration() < TimeSpan.FromSeconds(1)) return "now";
        return span > TimeSpan.Zero ? $"in {Span(span)}" : $"{Span(span)} ago";
    }
}
