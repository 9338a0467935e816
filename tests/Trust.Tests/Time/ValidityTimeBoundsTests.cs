using Trust.Findings;
using Trust.Time;

namespace Trust.Tests.Time;

public class ValidityTimeBoundsTests
{
    [Fact]
    public void A_negative_duration_that_lands_before_year_1_is_bad_input_and_one_that_lands_on_it_is_not()
    {
        var now = DateTimeOffset.MinValue.AddHours(1);
        Assert.Equal(DateTimeOffset.MinValue, ValidityTime.After(TimeSpan.FromHours(-1)).Resolve(now));
        var e = Assert.Throws<TrustInputException>(() => ValidityTime.After(TimeSpan.FromHours(-2)).Resolve(now));
        Assert.Equal(FindingIds.ValidityInvalid, e.Finding.Id);
        Assert.Equal("-2h from 0001-01-01T01:00:00Z lands outside the years 1 to 9999", e.Finding.Message);
        Assert.Equal(RemedyAction.FixValidity, e.Finding.Remedy!.Action);
        Assert.Equal("choose a shorter duration", e.Finding.Remedy.Advice);
    }

    [Fact]
    public void A_positive_duration_up_to_year_9999_resolves_and_one_beyond_does_not()
    {
        var now = DateTimeOffset.MaxValue.AddHours(-1);
        Assert.Equal(DateTimeOffset.MaxValue, ValidityTime.After(DateTimeOffset.MaxValue - now).Resolve(now));
        Assert.Equal(FindingIds.ValidityInvalid,
            Assert.Throws<TrustInputException>(() => ValidityTime.After(TimeSpan.FromHours(2)).Resolve(now)).Finding.Id);
        Assert.Equal(DateTimeOffset.MinValue, ValidityTime.After(TimeSpan.Zero).Resolve(DateTimeOffset.MinValue));
    }

    [Fact]
    public void Parse_needs_text_and_prints_back_what_it_read()
    {
        Assert.Throws<ArgumentNullException>(() => ValidityTime.Parse(null!));
        Assert.Equal("90h", ValidityTime.Parse("90h").ToString());
        Assert.Equal("2027-01-02T03:04:05Z", ValidityTime.Parse("2027-01-02T05:04:05+02:00").ToString());
    }
}
