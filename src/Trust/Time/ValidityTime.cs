using System.Globalization;
using System.Text.RegularExpressions;

namespace Trust.Time;

/// <summary>
/// A validity bound given either as an absolute RFC 3339 time or as a duration relative to "now"
/// (<c>8760h</c>, <c>90d</c>, <c>2h45m</c>, <c>1.5h</c>, <c>-5m</c>), the forms step and Go accept, plus days.
/// </summary>
public sealed record ValidityTime
{
    private ValidityTime(DateTimeOffset? absolute, TimeSpan? relative)
    {
        Absolute = absolute;
        Relative = relative;
    }

    /// <summary>The absolute time, when given as RFC 3339.</summary>
    public DateTimeOffset? Absolute { get; }

    /// <summary>The offset from now, when given as a duration.</summary>
    public TimeSpan? Relative { get; }

    /// <summary>An absolute bound.</summary>
    public static ValidityTime At(DateTimeOffset time) => new(time.ToUniversalTime(), null);

    /// <summary>A bound relative to the moment of issuance.</summary>
    public static ValidityTime After(TimeSpan duration) => new(null, duration);

    /// <summary>Resolves the bound against <paramref name="now"/>.</summary>
    public DateTimeOffset Resolve(DateTimeOffset now) => Absolute ?? now + Relative!.Value;

    /// <summary>Parses an RFC 3339 time or a duration; throws <see cref="TrustInputException"/> naming the text.</summary>
    public static ValidityTime Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DurationText.TryParse(text, out var duration)) return After(duration);
        if (Rfc3339.TryParse(text, out var time)) return At(time);
        throw new TrustInputException(
            $"'{text}' is neither an RFC 3339 time (2027-01-02T03:04:05Z) nor a duration (8760h, 90d, 2h45m)");
    }

    /// <inheritdoc />
    public override string ToString() => Absolute is { } a ? Rfc3339.Format(a) : DurationText.Format(Relative!.Value);
}

/// <summary>Go-style durations (<c>1h30m</c>, <c>8760h</c>, <c>300ms</c>) extended with <c>d</c> for days.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>Parses a duration; returns false when the text is not one.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var s = text.Trim();
        if (s.Length == 0) return false;
        var negative = false;
        if (s[0] is '-' or '+') { negative = s[0] == '-'; s = s[1..]; }
        if (s == "0") return true;
        double ticks = 0;
        var any = false;
        while (s.Length > 0)
        {
            var m = Part().Match(s);
            if (!m.Success) return false;
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += value * m.Groups[2].Value switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => TimeSpan.TicksPerDay,
            };
            s = s[m.Length..];
            any = true;
        }
        if (!any || ticks > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>Parses a duration or throws <see cref="TrustInputException"/>.</summary>
    public static TimeSpan Parse(string text) => TryParse(text, out var d)
        ? d
        : throw new TrustInputException($"'{text}' is not a duration (examples: 8760h, 90d, 2h45m)");

    /// <summary>Formats as whole hours when possible (<c>8760h</c>), else hours-minutes-seconds.</summary>
    public static string Format(TimeSpan d)
    {
        var sign = d < TimeSpan.Zero ? "-" : "";
        d = d.Duration();
        if (d.Ticks % TimeSpan.TicksPerHour == 0) return $"{sign}{(long)d.TotalHours}h";
        var text = $"{sign}{(long)d.TotalHours}h{d.Minutes}m";
        return d.Ticks % TimeSpan.TicksPerMinute == 0 ? text : $"{text}{d.Seconds}s";
    }
}

/// <summary>RFC 3339 timestamps, always written in UTC with a <c>Z</c>.</summary>
public static class Rfc3339
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>Parses an RFC 3339 time with an explicit offset or Z.</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        var ok = DateTimeOffset.TryParseExact(text.Trim().Replace('t', 'T').Replace('z', 'Z'), Formats,
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        return ok;
    }

    /// <summary>Parses or throws <see cref="TrustInputException"/>.</summary>
    public static DateTimeOffset Parse(string text) => TryParse(text, out var t)
        ? t
        : throw new TrustInputException($"'{text}' is not an RFC 3339 time (example: 2027-01-02T03:04:05Z)");

    /// <summary>Formats as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
