using Trust.Time;

namespace Trust.Cli;

/// <summary>
/// Every duration and validity-time option of every command goes through here, so a bad value reads the same
/// wherever it is typed: one line naming the option and the value as typed (<c>--anchor-lifetime: -5h is not a
/// positive duration</c>). The library's own checks stay behind these as a second line of defence.
/// </summary>
internal static class DurationOption
{
    /// <summary>A duration, any sign.</summary>
    public static TimeSpan Parse(string option, string text) => DurationText.TryParse(text, out var value)
        ? value
        : throw CliErrors.Error($"{option}: '{text}' is not a duration (examples: 8760h, 90d, 2h45m)");

    /// <summary>A duration above zero: a renewBefore, a step <c>--expires-in</c>.</summary>
    public static TimeSpan Positive(string option, string text)
    {
        var value = Parse(option, text);
        return value > TimeSpan.Zero ? value : throw NotPositive(option, text);
    }

    /// <summary>A lifetime counted from <paramref name="now"/>: positive and ending by the year 9999.</summary>
    public static TimeSpan Lifetime(string option, string text, DateTimeOffset now)
    {
        var value = Positive(option, text);
        return value <= DateTimeOffset.MaxValue - now ? value : throw PastTheCalendar(option, text);
    }

    /// <summary>A wait counted from <paramref name="now"/> (<c>--min-bundle-age</c>): zero or more, ending by the year 9999.</summary>
    public static TimeSpan Wait(string option, string text, DateTimeOffset now)
    {
        var value = Parse(option, text);
        if (value < TimeSpan.Zero) throw CliErrors.Error($"{option}: {text.Trim()} is negative; give 0s or more");
        return value <= DateTimeOffset.MaxValue - now ? value : throw PastTheCalendar(option, text);
    }

    /// <summary>
    /// A start of validity: an RFC 3339 time, or a duration from <paramref name="now"/> of any sign (<c>-5m</c>
    /// backdates) that lands inside the years 1 to 9999. Null when not given.
    /// </summary>
    public static ValidityTime? NotBefore(string option, string? text, DateTimeOffset now)
    {
        if (ValidityOf(option, text) is not { } bound) return null;
        if (bound.Relative is { } relative)
        {
            if (relative > TimeSpan.Zero && relative > DateTimeOffset.MaxValue - now) throw PastTheCalendar(option, text!);
            if (relative < TimeSpan.Zero && relative < DateTimeOffset.MinValue - now)
                throw CliErrors.Error($"{option}: {text!.Trim()} lands before the year 1");
        }
        return bound;
    }

    /// <summary>
    /// An end of validity: an RFC 3339 time, or a duration from <paramref name="now"/> that is a lifetime (positive,
    /// ending by the year 9999). Null when not given.
    /// </summary>
    public static ValidityTime? NotAfter(string option, string? text, DateTimeOffset now)
    {
        if (ValidityOf(option, text) is not { } bound) return null;
        if (bound.Relative is { } relative)
        {
            if (relative <= TimeSpan.Zero) throw NotPositive(option, text!);
            if (relative > DateTimeOffset.MaxValue - now) throw PastTheCalendar(option, text!);
        }
        return bound;
    }

    /// <summary>An RFC 3339 time to evaluate at (<c>--at</c>); <paramref name="now"/> when not given.</summary>
    public static DateTimeOffset At(string option, string? text, DateTimeOffset now)
    {
        if (text is null) return now;
        try
        {
            return Rfc3339.Parse(text);
        }
        catch (TrustInputException e)
        {
            throw CliErrors.Error($"{option}: {e.Finding.Message}");
        }
    }

    private static ValidityTime? ValidityOf(string option, string? text)
    {
        if (text is null) return null;
        try
        {
            return ValidityTime.Parse(text);
        }
        catch (TrustInputException e)
        {
            throw CliErrors.Error($"{option}: {e.Finding.Message}");
        }
    }

    private static TrustInputException NotPositive(string option, string text) =>
        CliErrors.Error($"{option}: {text.Trim()} is not a positive duration");

    private static TrustInputException PastTheCalendar(string option, string text) =>
        CliErrors.Error($"{option}: {text.Trim()} lands past the year 9999");
}
