using FsCheck;
using FsCheck.Fluent;
using Trust.Renewal;

namespace Trust.Tests.Renewal;

public class RenewalPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    // lifetime hours, renewBefore hours (null), percentage (null), expected renewal hour offset from start
    [InlineData(90 * 24, null, null, 60 * 24)]          // cert-manager default: 2/3 of 90d
    [InlineData(48, 25.0, null, 23)]                     // Linkerd's cert-manager guide: 48h, renewBefore 25h
    [InlineData(48, 48.0, null, 32)]                     // renewBefore >= lifetime is ignored -> default
    [InlineData(48, 100.0, null, 32)]
    [InlineData(100, null, 10, 90)]                      // renewBeforePercentage: percent remaining
    [InlineData(100, 50.0, 10, 90)]                      // percentage wins over renewBefore
    public void Cert_manager_semantics(int lifetimeHours, double? renewBeforeHours, int? percentage, int expectedHour)
    {
        var policy = RenewalPolicy.CertManagerStyle(renewBeforeHours is { } h ? TimeSpan.FromHours(h) : null, percentage);
        Assert.Equal(Start.AddHours(expectedHour), policy.RenewalTime(Start, Start.AddHours(lifetimeHours)));
    }

    [Fact]
    public void Cert_manager_renewal_time_is_truncated_to_the_second()
    {
        var end = Start.AddSeconds(10);
        Assert.Equal(Start.AddSeconds(6), RenewalPolicy.Default.RenewalTime(Start, end)); // 10 - 3.33 = 6.67 -> 6
    }

    [Theory]
    [InlineData("66%", 66)]
    [InlineData("50%", 50)]
    [InlineData("0%", 0)]
    [InlineData("100%", 100)]
    [InlineData("10h", 90)]
    [InlineData("1h30m", 98.5)]
    public void Step_expires_in_semantics(string text, double expectedHour)
    {
        var policy = RenewalPolicy.ParseExpiresIn(text);
        Assert.Equal(Start.AddHours(expectedHour), policy.RenewalTime(Start, Start.AddHours(100)));
    }

    [Theory]
    [InlineData("101%")]
    [InlineData("-1%")]
    [InlineData("abc%")]
    [InlineData("soon")]
    public void Bad_expires_in_is_an_input_error(string text) =>
        Assert.Throws<TrustInputException>(() => RenewalPolicy.ParseExpiresIn(text));

    [Fact]
    public void Renewal_time_of_percentage_policies_lies_inside_the_validity_window()
    {
        var cases = from seconds in Gen.Choose(1, int.MaxValue)
                    from percent in Gen.Choose(0, 100)
                    from kind in Gen.Choose(0, 2)
                    select (seconds, percent, kind);
        Prop.ForAll(Arb.From(cases), c =>
        {
            var end = Start.AddSeconds(c.seconds);
            var policy = c.kind switch
            {
                0 => RenewalPolicy.LifetimeUsed(c.percent),
                1 => RenewalPolicy.CertManagerStyle(renewBeforePercentage: c.percent),
                _ => RenewalPolicy.Default,
            };
            var at = policy.RenewalTime(Start, end);
            return at >= Start && at <= end;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Needs_renewal_flips_exactly_at_the_renewal_time()
    {
        var policy = RenewalPolicy.LifetimeUsed(50);
        var at = policy.RenewalTime(Start, Start.AddHours(10));
        Assert.Equal(Start.AddHours(5), at);
    }
}
