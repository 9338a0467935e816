using Trust.Time;

namespace Trust.Tests.Time;

public class ValidityTimeTests
{
    [Theory]
    [InlineData("8760h", 8760 * 60)]
    [InlineData("90d", 90 * 24 * 60)]
    [InlineData("2h45m", 165)]
    [InlineData("1.5h", 90)]
    [InlineData("-5m", -5)]
    [InlineData("0", 0)]
    [InlineData("1d12h", 36 * 60)]
    public void Durations_parse_like_go_plus_days(string text, int minutes)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromMinutes(minutes), d);
        Assert.Equal(TimeSpan.FromMinutes(minutes), ValidityTime.Parse(text).Relative);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("10")]
    [InlineData("10y")]
    [InlineData("ten hours")]
    public void Non_durations_are_rejected(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData("2027-01-02T03:04:05Z", "2027-01-02T03:04:05Z")]
    [InlineData("2027-01-02T03:04:05+02:00", "2027-01-02T01:04:05Z")]
    [InlineData("2027-01-02T03:04:05.5Z", "2027-01-02T03:04:05Z")]
    public void Rfc3339_times_parse_to_utc(string text, string utc)
    {
        var t = ValidityTime.Parse(text);
        Assert.Equal(utc, Rfc3339.Format(t.Absolute!.Value));
    }

    [Fact]
    public void Garbage_is_an_input_error_quoting_the_text()
    {
        var e = Assert.Throws<TrustInputException>(() => ValidityTime.Parse("next tuesday"));
        Assert.Contains("'next tuesday'", e.Message);
    }
}
