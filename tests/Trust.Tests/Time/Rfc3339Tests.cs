using FsCheck;
using FsCheck.Xunit;
using Trust.Findings;
using Trust.Time;

namespace Trust.Tests.Time;

public class Rfc3339Tests
{
    [Theory]
    [InlineData("2027-01-02T03:04:05Z", "2027-01-02T03:04:05Z")]
    [InlineData("2027-01-02t03:04:05z", "2027-01-02T03:04:05Z")]
    [InlineData("  2027-01-02T03:04:05Z  ", "2027-01-02T03:04:05Z")]
    [InlineData("2027-01-02T03:04:05-05:30", "2027-01-02T08:34:05Z")]
    [InlineData("2027-01-02T03:04:05.123456+00:00", "2027-01-02T03:04:05Z")]
    public void Times_with_an_offset_or_Z_parse_to_UTC(string text, string utc)
    {
        Assert.True(Rfc3339.TryParse(text, out var time));
        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.Equal(utc, Rfc3339.Format(time));
        Assert.Equal(time, Rfc3339.Parse(text));
    }

    [Fact]
    public void Fractions_of_a_second_are_kept()
    {
        Assert.True(Rfc3339.TryParse("2027-01-02T03:04:05.25Z", out var time));
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 3, 4, 5, 250, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("2027-01-02T03:04:05")]
    [InlineData("2027-01-02T03:04:05.5")]
    [InlineData("2027-01-02")]
    [InlineData("2027-01-02 03:04:05Z")]
    [InlineData("2027-13-02T03:04:05Z")]
    [InlineData("")]
    public void Text_that_is_not_an_RFC3339_time_with_an_offset_is_rejected(string text)
    {
        Assert.False(Rfc3339.TryParse(text, out _));
        var e = Assert.Throws<TrustInputException>(() => Rfc3339.Parse(text));
        Assert.Equal(FindingIds.ValueInvalid, e.Finding.Id);
        Assert.Equal($"'{text}' is not an RFC 3339 time (example: 2027-01-02T03:04:05Z)", e.Finding.Message);
    }

    [Fact]
    public void Format_writes_UTC_with_Z_whatever_the_offset() =>
        Assert.Equal("2027-01-01T22:04:05Z", Rfc3339.Format(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.FromHours(5))));

    [Property]
    public void Format_then_parse_round_trips_to_the_second(DateTimeOffset time)
    {
        var seconds = new DateTimeOffset(time.UtcDateTime.Ticks - time.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        Assert.Equal(seconds, Rfc3339.Parse(Rfc3339.Format(time)));
    }
}
