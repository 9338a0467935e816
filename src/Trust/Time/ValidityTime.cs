using System.Globalization;
using System.Text.RegularExpressions;
using Trust.Findings;

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
    /// <exception cref="TrustInputException">A relative bound lands outside the years 1 to 9999 (id <c>validity-invalid</c>).</exception>
    public DateTimeOffset Resolve(DateTimeOffset now)
    {
        if (Absolute is { } absolute) return absolute;
        var relative = Relative!.Value;
        if (relative > TimeSpan.Zero ? relative > DateTimeOffset.MaxValue - now : relative < DateTimeOffset.MinValue - now)
            throw new TrustInputException(FindingIds.ValidityInvalid,
                $"{DurationText.Format(relative)} from {Rfc3339.Format(now)} lands outside the years 1 to 9999",
                new Remedy(RemedyAction.FixValidity, "choose a shorter duration"));
        return now + relative;
    }

    /// <summary>Parses an RFC 3339 time or a duration.</summary>
    /// <exception cref="TrustInputException">The text is neither (id <c>value-invalid</c>); the message names the text.</exception>
    public static ValidityTime Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DurationText.TryParse(text, out var duration)) return After(duration);
        if (Rfc3339.TryParse(text, out var time)) return At(time);
        throw new TrustInputException(FindingIds.ValueInvalid,
            $"'{text}' is neither an RFC 3339 time (2027-01-02T03:04:05Z) nor a duration (8760h, 90d, 2h45m)");
    }

    /// <inheritdoc />
    public override string ToString() => Absolute is { } a ? Rfc3339.Format(a) : DurationText.Format(Relative!.Value);
}
