using Trust.Renewal;
using Trust.Tests.Support;

namespace Trust.Tests.Renewal;

public class RenewalEdgeTests
{
    private static readonly DateTimeOffset Start = TestClock.Epoch;

    [Fact]
    public void Once_renewal_is_overdue_the_time_until_renewal_stays_zero()
    {
        var decision = RenewalPolicy.LifetimeUsed(50).Decide(Start, Start.AddHours(10), Start.AddHours(7));
        Assert.True(decision.NeedsRenewal);
        Assert.Equal(TimeSpan.Zero, decision.UntilRenewal);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void A_percentage_outside_zero_to_one_hundred_is_refused_with_the_range(double percent)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RenewalPolicy.LifetimeUsed(percent));
        Assert.Equal("percentUsed", error.ParamName);
        Assert.StartsWith("must be from 0 to 100", error.Message);
    }
}
