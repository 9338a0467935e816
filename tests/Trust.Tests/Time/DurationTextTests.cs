using FsCheck;
using FsCheck.Xunit;
using Trust.Findings;
using Trust.Time;

namespace Trust.Tests.Time;

public class DurationTextTests
{
    [Theory]
    [InlineData("1ns", 0)]
    [InlineData("600ns", 6)]
    [InlineData("1us", 10)]
    [InlineData("1µs", 10)]
    [InlineData("300ms", 3_000_000)]
    [InlineData("2s", 20_000_000)]
    [InlineData("1m", 600_000_000)]
    [InlineData("1h", 36_000_000_000)]
    [InlineData("1d", 864_000_000_000)]
    [InlineData("+1h", 36_000_000_000)]
    [InlineData("-1h30m", -54_000_000_000)]
    [InlineData("-0", 0)]
    [InlineData(".5s", 5_000_000)]
    [InlineData(" 1h ", 36_000_000_000)]
    public void Every_unit_parses_to_its_exact_ticks(string text, long ticks)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromTicks(ticks), d);
        Assert.Equal(d, DurationText.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("1h ten")]
    [InlineData("1x")]
    [InlineData("h1")]
    [InlineData("1.h")]
    [InlineData("99999999999999d")]
    public void Non_durations_are_rejected_with_an_input_error(string text)
    {
        Assert.False(DurationText.TryParse(text, out var d));
        Assert.Equal(TimeSpan.Zero, d);
        var e = Assert.Throws<TrustInputException>(() => DurationText.Parse(text));
        Assert.Equal(FindingIds.ValueInvalid, e.Finding.Id);
        Assert.Equal($"'{text}' is not a duration (examples: 8760h, 90d, 2h45m)", e.Finding.Message);
    }

    [Fact]
    public void The_largest_duration_parses_and_one_beyond_does_not()
    {
        var max = $"{TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerHour}h";
        Assert.True(DurationText.TryParse(max, out var d));
        Assert.Equal(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerHour, (long)d.TotalHours);
        Assert.False(DurationText.TryParse($"{TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerHour + 1}h", out _));
    }

    [Theory]
    [InlineData(0, "0h")]
    [InlineData(36_000_000_000, "1h")]
    [InlineData(315_360_000_000_000, "8760h")]
    [InlineData(-36_000_000_000, "-1h")]
    [InlineData(54_000_000_000, "1h30m")]
    [InlineData(-54_000_000_000, "-1h30m")]
    [InlineData(600_000_000, "0h1m")]
    [InlineData(54_050_000_000, "1h30m5s")]
    [InlineData(10_000_000, "0h0m1s")]
    public void Format_writes_whole_hours_else_hours_minutes_seconds(long ticks, string text) =>
        Assert.Equal(text, DurationText.Format(TimeSpan.FromTicks(ticks)));

    [Property]
    public void Whole_seconds_round_trip_through_format_and_parse(int seconds)
    {
        var d = TimeSpan.FromSeconds(seconds);
        Assert.Equal(d, DurationText.Parse(DurationText.Format(d)));
    }
}
