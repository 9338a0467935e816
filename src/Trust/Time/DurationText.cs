using System.Globalization;
using System.Text.RegularExpressions;
using Trust.Findings;

namespace Trust.Time;

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

    /// <summary>Parses a duration.</summary>
    /// <exception cref="TrustInputException">The text is not a duration (id <c>value-invalid</c>).</exception>
    public static TimeSpan Parse(string text) => TryParse(text, out var d)
        ? d
        : throw new TrustInputException(FindingIds.ValueInvalid, $"'{text}' is not a duration (examples: 8760h, 90d, 2h45m)");

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
