using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Renewal;
using Trust.Tests.Support;

namespace Trust.Tests.Renewal;

public class RenewalPolicyTests
{
    private static readonly DateTimeOffset Start = TestClock.Epoch;

    [Theory]
    // lifetime hours, renewBefore hours (null), percentage (null), expected renewal hour offset from start
    [InlineData(90 * 24, null, null, 60 * 24)]          // cert-manager default: 2/3 of 90d
    [InlineData(48, 25.0, null, 23)]                     // Linkerd's cert-manager guide: 48h, renewBefore 25h
    [InlineData(48, 48.0, null, 32)]                     // renewBefore not shorter than the lifetime -> default
    [InlineData(48, 100.0, null, 32)]
    [InlineData(100, null, 10, 90)]                      // renewBeforePercentage: percent remaining
    [InlineData(100, 50.0, 10, 50)]                      // renewBefore takes precedence over the percentage
    [InlineData(48, -24.0, null, 32)]                    // negative renewBefore -> default, not after expiry
    [InlineData(48, null, 100, 32)]                      // percentage 100 -> default, not renewal on every run
    public void Cert_manager_semantics(int lifetimeHours, double? renewBeforeHours, int? percentage, int expectedHour)
    {
        var policy = RenewalPolicy.CertManagerStyle(renewBeforeHours is { } h ? TimeSpan.FromHours(h) : null, percentage);
        Assert.Equal(Start.AddHours(expectedHour), policy.RenewalTime(Start, Start.AddHours(lifetimeHours)));
    }

    [Fact]
    public void Cert_manager_style_never_throws_for_settings_cert_manager_ignores()
    {
        foreach (var percentage in new int?[] { int.MinValue, -1, 0, 100, 101, int.MaxValue })
        foreach (var renewBefore in new TimeSpan?[] { TimeSpan.MinValue, -TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.MaxValue })
            Assert.Equal(RenewalPolicy.Default.RenewalTime(Start, Start.AddHours(48)),
                RenewalPolicy.CertManagerStyle(renewBefore, percentage).RenewalTime(Start, Start.AddHours(48)));
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
    [InlineData("-1h", 101)]                              // step accepts negative durations: after expiry
    public void Step_expires_in_semantics(string text, double expectedHour)
    {
        var policy = RenewalPolicy.ParseExpiresIn(text);
        Assert.Equal(Start.AddHours(expectedHour), policy.RenewalTime(Start, Start.AddHours(100)));
    }

    [Theory]
    [InlineData("101%", "out of range")]
    [InlineData("-1%", "out of range")]
    [InlineData("abc%", "not a percentage")]
    [InlineData("soon", "not a duration")]
    public void Bad_expires_in_is_an_input_error_that_names_no_option(string text, string expected)
    {
        var error = Assert.Throws<TrustInputException>(() => RenewalPolicy.ParseExpiresIn(text));
        Assert.Contains(expected, error.Message);
        Assert.Contains($"'{text}'", error.Message);
        Assert.DoesNotContain("--", error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.1)]
    [InlineData(double.NaN)]
    public void Lifetime_used_outside_0_to_100_is_a_programming_error(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RenewalPolicy.LifetimeUsed(percent));

    [Fact]
    public void Expires_within_an_enormous_window_is_clamped_rather_than_thrown()
    {
        Assert.Equal(DateTimeOffset.MinValue, RenewalPolicy.ExpiresWithin(TimeSpan.MaxValue).RenewalTime(Start, Start.AddHours(1)));
        Assert.Equal(DateTimeOffset.MaxValue, RenewalPolicy.ExpiresWithin(TimeSpan.MinValue).RenewalTime(Start, Start.AddHours(1)));
    }

    [Fact]
    public void Step_window_needs_renewal_once_at_most_the_window_remains()
    {
        var policy = RenewalPolicy.ExpiresWithin(TimeSpan.FromHours(10));
        var end = Start.AddHours(100);
        Assert.False(policy.Decide(Start, end, end.AddHours(-10).AddTicks(-1)).NeedsRenewal);
        Assert.True(policy.Decide(Start, end, end.AddHours(-10)).NeedsRenewal);
    }

    [Fact]
    public void Needs_renewal_flips_exactly_at_the_renewal_time()
    {
        var policy = RenewalPolicy.LifetimeUsed(50);
        var end = Start.AddHours(10);
        Assert.Equal(Start.AddHours(5), policy.RenewalTime(Start, end));
        Assert.False(policy.Decide(Start, end, Start.AddHours(5).AddSeconds(-1)).NeedsRenewal);
        Assert.True(policy.Decide(Start, end, Start.AddHours(5)).NeedsRenewal);
    }

    [Fact]
    public void Decision_reports_expiry_and_what_remains()
    {
        var end = Start.AddHours(10);
        var expired = RenewalPolicy.Default.Decide(Start, end, end.AddSeconds(1));
        Assert.True(expired.IsExpired);
        Assert.True(expired.NeedsRenewal);
        Assert.Equal(TimeSpan.FromSeconds(-1), expired.Remaining);
        Assert.False(RenewalPolicy.Default.Decide(Start, end, end).IsExpired); // NotAfter is inclusive
    }

    [Fact]
    public void Policies_with_the_same_settings_are_equal()
    {
        Assert.Equal(RenewalPolicy.Default, RenewalPolicy.CertManagerStyle());
        Assert.Equal(RenewalPolicy.ParseExpiresIn("66%"), RenewalPolicy.LifetimeUsed(66));
    }

    [Property(MaxTest = 1000)]
    public Property Renewal_time_of_percentage_policies_lies_inside_the_validity_window()
    {
        var cases = from seconds in Gen.Choose(1, int.MaxValue)
                    from percent in Gen.Choose(0, 100)
                    from kind in Gen.Choose(0, 2)
                    select (seconds, percent, kind);
        return Prop.ForAll(Arb.From(cases), c =>
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
        });
    }
}
