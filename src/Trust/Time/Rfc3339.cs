using System.Globalization;
using Trust.Findings;

namespace Trust.Time;

/// <summary>RFC 3339 timestamps, always written in UTC with a <c>Z</c>.</summary>
public static class Rfc3339
{
    private static readonly string[] Formats =
    [
        // zzz, not K: K also matches no offset at all, and a time without one is not RFC 3339.
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>Parses an RFC 3339 time with an explicit offset or Z.</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        var ok = DateTimeOffset.TryParseExact(text.Trim().Replace('t', 'T').Replace('z', 'Z'), Formats,
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        return ok;
    }

    /// <summary>Parses an RFC 3339 time.</summary>
    /// <exception cref="TrustInputException">The text is not an RFC 3339 time (id <c>value-invalid</c>).</exception>
    public static DateTimeOffset Parse(string text) => TryParse(text, out var t)
        ? t
        : throw new TrustInputException(FindingIds.ValueInvalid, $"'{text}' is not an RFC 3339 time (example: 2027-01-02T03:04:05Z)");

    /// <summary>Formats as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
