using System.Globalization;
using Trust.Renewal;
using Trust.Time;

namespace Trust.Cli;

/// <summary>
/// cert-manager's renewBefore and renewBeforePercentage as typed on a command line (<c>needs-renewal</c>,
/// <c>rotate</c>). The library follows cert-manager and quietly falls back for values cert-manager would ignore (for
/// Certificates already in a cluster); typed on a command line, such values are mistakes and exit 2.
/// </summary>
internal static class RenewBeforeOption
{
    /// <summary>A renewBefore duration: positive.</summary>
    public static TimeSpan Duration(string option, string text) => DurationOption.Positive(option, text);

    /// <summary>A renewBeforePercentage: a whole number from 1 to 99. <paramref name="number"/> is the number part of
    /// <paramref name="text"/> (all of it, or without the <paramref name="unit"/> sign).</summary>
    public static int Percentage(string option, string text, string? number = null, string unit = "")
    {
        if (!int.TryParse((number ?? text).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent)
            || percent is < 1 or > 99)
            throw CliErrors.Error($"{option} '{text}' must be a whole number from 1{unit} to 99{unit}");
        return percent;
    }

    /// <summary>
    /// One option for both forms, as <c>rotate</c> takes them: <c>16h</c> is renewBefore, <c>33%</c> renewBeforePercentage.
    /// A duration not shorter than <paramref name="lifetime"/> (which cert-manager would ignore) is refused.
    /// </summary>
    public static RenewalPolicy DurationOrPercentage(string option, string text, string lifetimeOption, TimeSpan lifetime)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('%'))
            return RenewalPolicy.CertManagerStyle(renewBeforePercentage: Percentage(option, text, trimmed[..^1], "%"));
        if (!DurationText.TryParse(trimmed, out _))
            throw CliErrors.Error($"{option} '{text}' is neither a duration nor a percentage (examples: 16h, 33%)");
        var before = Duration(option, text);
        if (before >= lifetime)
            throw CliErrors.Error(
                $"{option} {text} is not shorter than {lifetimeOption} {DurationText.Format(lifetime)} (cert-manager would ignore it); give a shorter duration or a percentage");
        return RenewalPolicy.CertManagerStyle(renewBefore: before);
    }
}
