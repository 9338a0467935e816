using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Renewal;
using Trust.Tests.Support;

namespace Trust.Tests.Renewal;

/// <summary>
/// cert-manager's renewal time. The two tables are cert-manager's own, from pkg/util/pki/renewaltime_test.go at commit
/// 032a63489b98d792c69b203797e9f4253b196f88, case for case and under the same names; cert-manager's "now" is
/// <see cref="TestClock.Epoch"/> here. Its ARI case and its renewal-window tests are out of scope.
/// </summary>
public class CertManagerRenewalTimeTests
{
    private static readonly DateTimeOffset Now = TestClock.Epoch;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private const long NanosecondsPerHour = 3_600_000_000_000;

    // TestRenewalTime: (name, lifetime, renewBefore, renewBeforePercentage, renewal time - now).
    public static TheoryData<string, TimeSpan, TimeSpan?, int?, TimeSpan> RenewalTimeCases => new()
    {
        { "short lived cert, spec.renewBefore is not set", 3 * Hour, null, null, 2 * Hour },
        { "long lived cert, spec.renewBefore is not set", 4380 * Hour, null, null, 2920 * Hour },
        { "spec.renewBefore is set", 24 * Hour, 20 * Hour, null, 4 * Hour },
        { "long lived cert, spec.renewBefore is set to renew every day", 730 * Hour, 706 * Hour, null, 24 * Hour },
        { "spec.renewBefore is set, but would result in renewal time after expiry", 24 * Hour, 25 * Hour, null, 16 * Hour },
        { "long lived cert, spec.renewBeforePercentage is set to renew 30% before expiry", 730 * Hour, null, 30, 511 * Hour },
        { "spec.renewBefore is set to a value slightly less than cert's duration", 24 * Hour + TimeSpan.FromMinutes(3), 24 * Hour, null, TimeSpan.FromMinutes(3) },
        { "certificate's duration is skewed by a second", 24 * Hour - TimeSpan.FromSeconds(1), null, null, 16 * Hour - TimeSpan.FromSeconds(1) },
    };

    [Theory]
    [MemberData(nameof(RenewalTimeCases))]
    public void Cert_manager_TestRenewalTime_table(string name, TimeSpan lifetime, TimeSpan? renewBefore, int? percentage, TimeSpan expected)
    {
        var policy = RenewalPolicy.CertManagerStyle(renewBefore, percentage);
        Assert.True(Now + expected == policy.RenewalTime(Now, Now + lifetime), name);
    }

    // TestRenewBefore: (name, duration in ns or 0 for the default 3h, renewBefore in ns, renewBeforePercentage, expected ns).
    public static TheoryData<string, long, long?, int?, long> RenewBeforeCases => new()
    {
        { "spec.renewBefore and spec.renewBeforePercentage are not set", 0, null, null, NanosecondsPerHour },
        { "spec.renewBeforePercentage is valid", 0, null, 25, 45 * NanosecondsPerHour / 60 },
        { "spec.renewBeforePercentage is too large so default is used", 0, null, 100, NanosecondsPerHour },
        { "spec.renewBeforePercentage is too small so default is used", 0, null, 0, NanosecondsPerHour },
        { "spec.renewBefore is valid", 0, NanosecondsPerHour, null, NanosecondsPerHour },
        { "spec.renewBefore is invalid so default is used", 0, 4 * NanosecondsPerHour, null, NanosecondsPerHour },
        { "spec.renewBeforePercentage=99 with 10-year duration does not overflow int64", 24 * 365 * 10 * NanosecondsPerHour, null, 99, (long)((double)(24 * 365 * 10 * NanosecondsPerHour) * 0.99) },
        { "spec.renewBeforePercentage=99 with 3-year duration does not overflow int64", 24 * 365 * 3 * NanosecondsPerHour, null, 99, (long)((double)(24 * 365 * 3 * NanosecondsPerHour) * 0.99) },
    };

    [Theory]
    [MemberData(nameof(RenewBeforeCases))]
    public void Cert_manager_TestRenewBefore_table(string name, long duration, long? renewBefore, int? percentage, long expected)
    {
        var actual = CertManagerRenewalTime.RenewBefore(duration == 0 ? 3 * NanosecondsPerHour : duration, renewBefore, percentage);
        Assert.True(expected == actual, $"{name}: expected {expected} ns, got {actual} ns");
    }

    // Boundaries of a 24h certificate issued at Now: (case, renewBefore, renewBeforePercentage, renewal time - now).
    public static TheoryData<string, TimeSpan?, int?, TimeSpan> Boundaries => new()
    {
        { "percentage 0 is ignored: default", null, 0, 16 * Hour },
        { "percentage 1: 14m24s before expiry", null, 1, TimeSpan.FromSeconds(86_400 - 864) },
        { "percentage 99: 14m24s after issue", null, 99, TimeSpan.FromSeconds(864) },
        { "percentage 100 is ignored: default, not renewal on every run", null, 100, 16 * Hour },
        { "negative percentage is ignored: default", null, -5, 16 * Hour },
        { "renewBefore equal to the lifetime is ignored: default", 24 * Hour, null, 16 * Hour },
        { "renewBefore one second less than the lifetime: one second after issue", 24 * Hour - TimeSpan.FromSeconds(1), null, TimeSpan.FromSeconds(1) },
        { "renewBefore zero is ignored: default", TimeSpan.Zero, null, 16 * Hour },
        { "negative renewBefore is ignored: default, not a day after expiry", -24 * Hour, null, 16 * Hour },
        { "the smallest renewBefore truncates to a second before expiry", TimeSpan.FromTicks(1), null, 24 * Hour - TimeSpan.FromSeconds(1) },
        { "renewBefore takes precedence over the percentage", 20 * Hour, 50, 4 * Hour },
        { "renewBefore not shorter than the lifetime gives way to the percentage", 25 * Hour, 50, 12 * Hour },
        { "renewBefore zero gives way to the percentage", TimeSpan.Zero, 50, 12 * Hour },
        { "negative renewBefore and percentage 100 fall back to the default", -Hour, 100, 16 * Hour },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Renewal_time_at_the_boundaries_of_the_settings(string name, TimeSpan? renewBefore, int? percentage, TimeSpan expected)
    {
        var actual = RenewalPolicy.CertManagerStyle(renewBefore, percentage).RenewalTime(Now, Now + 24 * Hour);
        Assert.True(Now + expected == actual, $"{name}: expected {Now + expected:O}, got {actual:O}");
    }

    [Theory]
    [InlineData(10_000, 1, 9)]        // 10s - 1ms = 9.999s -> 9s
    [InlineData(10_000, 1_000, 9)]    // exactly 9s stays 9s
    [InlineData(10_999, 1_000, 9)]    // notAfter 10.999s - 1s = 9.999s -> 9s
    [InlineData(11_000, 1_000, 10)]
    public void Renewal_time_is_truncated_down_to_the_second(int lifetimeMilliseconds, int renewBeforeMilliseconds, int expectedSeconds)
    {
        var policy = RenewalPolicy.CertManagerStyle(TimeSpan.FromMilliseconds(renewBeforeMilliseconds));
        Assert.Equal(Now.AddSeconds(expectedSeconds), policy.RenewalTime(Now, Now.AddMilliseconds(lifetimeMilliseconds)));
    }

    [Fact]
    public void Percentage_is_applied_in_float64_as_cert_manager_does()
    {
        // 190,055,700s at 99%: exact arithmetic gives 188,155,143s before expiry, cert-manager's float64 gives 32ns
        // more, so its truncated renewal time is a second earlier than exact arithmetic would make it.
        var policy = RenewalPolicy.CertManagerStyle(renewBeforePercentage: 99);
        Assert.Equal(Now.AddSeconds(1_900_556), policy.RenewalTime(Now, Now.AddSeconds(190_055_700)));
    }

    [Fact]
    public void Lifetimes_beyond_a_go_duration_saturate_as_go_does()
    {
        // Go's Time.Sub saturates at math.MaxInt64 ns (about 292 years); a third of that is 3,074,457,345.6s.
        var notAfter = Now.AddDays(400 * 365);
        Assert.Equal(notAfter.AddSeconds(-3_074_457_346), RenewalPolicy.Default.RenewalTime(Now, notAfter));
    }

    [Fact]
    public void Needs_renewal_from_the_renewal_time_itself_not_a_second_before()
    {
        var policy = RenewalPolicy.CertManagerStyle(renewBefore: 20 * Hour);
        var renewalTime = Now + 4 * Hour;
        Assert.False(policy.Decide(Now, Now + 24 * Hour, renewalTime.AddSeconds(-1)).NeedsRenewal);
        Assert.False(policy.Decide(Now, Now + 24 * Hour, renewalTime.AddTicks(-1)).NeedsRenewal);
        var due = policy.Decide(Now, Now + 24 * Hour, renewalTime);
        Assert.True(due.NeedsRenewal);
        Assert.Equal(renewalTime, due.RenewalTime);
        Assert.Equal(20 * Hour, due.Remaining);
        Assert.Equal(TimeSpan.Zero, due.UntilRenewal);
        Assert.False(due.IsExpired);
    }

    [Fact]
    public void Decision_on_a_certificate_uses_its_validity()
    {
        var anchor = Pki.Odd(null, "root.test", notBefore: Now, notAfter: Now + 24 * Hour);
        var decision = RenewalPolicy.Default.Decide(anchor.Certificate, Now + 15 * Hour);
        Assert.Equal(anchor.Certificate.NotBefore, decision.NotBefore);
        Assert.Equal(anchor.Certificate.NotAfter, decision.NotAfter);
        Assert.Equal(Now + 16 * Hour, decision.RenewalTime);
        Assert.False(decision.NeedsRenewal);
        Assert.Equal(Hour, decision.UntilRenewal);
        Assert.Equal(9 * Hour, decision.Remaining);
    }

    [Property(Arbitrary = [typeof(RenewalArbitraries)], MaxTest = 1000)]
    public bool Renewal_time_lies_inside_the_validity_window_and_on_a_whole_second(CertManagerCase c)
    {
        var decision = RenewalPolicy.CertManagerStyle(c.RenewBefore, c.Percentage).Decide(c.NotBefore, c.NotAfter, c.NotBefore);
        return decision.RenewalTime >= c.NotBefore && decision.RenewalTime <= c.NotAfter
            && decision.RenewalTime.UtcTicks % TimeSpan.TicksPerSecond == 0;
    }

    [Property(Arbitrary = [typeof(RenewalArbitraries)], MaxTest = 1000)]
    public bool A_valid_renew_before_takes_precedence_over_any_percentage(ValidRenewBeforeCase c)
    {
        var expected = c.NotAfter - c.RenewBefore;
        expected = expected.AddTicks(-(expected.UtcTicks % TimeSpan.TicksPerSecond));
        return RenewalPolicy.CertManagerStyle(c.RenewBefore, c.Percentage).RenewalTime(c.NotBefore, c.NotAfter) == expected;
    }

    [Property(Arbitrary = [typeof(RenewalArbitraries)], MaxTest = 1000)]
    public bool An_ignored_renew_before_leaves_the_percentage_or_the_default(CertManagerCase c)
    {
        // cert-manager compares Go durations, which stop at math.MaxInt64 ns.
        var lifetime = RenewalArbitraries.GoNanoseconds(c.NotAfter - c.NotBefore);
        if (c.RenewBefore is { } before && RenewalArbitraries.GoNanoseconds(before) is var ns && ns > 0 && ns < lifetime)
            return true; // used: the precedence property covers it
        var withPercentage = RenewalPolicy.CertManagerStyle(null, c.Percentage).RenewalTime(c.NotBefore, c.NotAfter);
        var fallback = c.Percentage is > 0 and < 100 ? withPercentage : RenewalPolicy.Default.RenewalTime(c.NotBefore, c.NotAfter);
        return RenewalPolicy.CertManagerStyle(c.RenewBefore, c.Percentage).RenewalTime(c.NotBefore, c.NotAfter) == withPercentage
            && withPercentage == fallback;
    }

    [Property(Arbitrary = [typeof(RenewalArbitraries)], MaxTest = 1000)]
    public bool Needs_renewal_exactly_from_the_renewal_time_on(CertManagerCase c, int secondsFromRenewal)
    {
        var policy = RenewalPolicy.CertManagerStyle(c.RenewBefore, c.Percentage);
        var renewalTime = policy.RenewalTime(c.NotBefore, c.NotAfter);
        var now = renewalTime.AddSeconds(secondsFromRenewal % 1_000_000);
        var decision = policy.Decide(c.NotBefore, c.NotAfter, now);
        return decision.NeedsRenewal == (now >= renewalTime)
            && policy.Decide(c.NotBefore, c.NotAfter, renewalTime).NeedsRenewal
            && !policy.Decide(c.NotBefore, c.NotAfter, renewalTime.AddTicks(-1)).NeedsRenewal;
    }
}

/// <summary>A certificate validity (notBefore on a whole second, as in X.509) with any cert-manager settings.</summary>
public sealed record CertManagerCase(DateTimeOffset NotBefore, DateTimeOffset NotAfter, TimeSpan? RenewBefore, int? Percentage);

/// <summary>A validity with a renewBefore cert-manager uses (above zero, below the lifetime) and any percentage.</summary>
public sealed record ValidRenewBeforeCase(DateTimeOffset NotBefore, DateTimeOffset NotAfter, TimeSpan RenewBefore, int? Percentage);

public static class RenewalArbitraries
{
    /// <summary>The longest lifetime Go's time.Duration holds (math.MaxInt64 ns).</summary>
    public static readonly TimeSpan LongestGoDuration = TimeSpan.FromTicks(long.MaxValue / 100);

    /// <summary>A time span as Go's time.Duration holds it: nanoseconds, saturated at the int64 range.</summary>
    public static long GoNanoseconds(TimeSpan span) => (long)Int128.Clamp((Int128)span.Ticks * 100, long.MinValue, long.MaxValue);

    private static Gen<long> Ticks(int maxSeconds) =>
        from seconds in Gen.Choose(0, maxSeconds)
        from fraction in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, (int)TimeSpan.TicksPerSecond - 1)))
        select seconds * TimeSpan.TicksPerSecond + fraction;

    // From zero through seconds and days to 1,000 years (beyond Go's 292-year Duration).
    private static readonly Gen<long> LifetimeTicks = Gen.Frequency(
        (1, Gen.Constant(0L)),
        (3, Ticks(86_400)),
        (4, Ticks(20 * 365 * 86_400)),
        (1, Gen.Choose(0, 1000 * 365).Select(days => days * TimeSpan.TicksPerDay)));

    private static readonly Gen<DateTimeOffset> NotBefore =
        Gen.Choose(-50 * 365 * 86_400, 50 * 365 * 86_400).Select(s => TestClock.Epoch.AddSeconds(s));

    private static readonly Gen<int?> Percentage = Gen.Frequency(
        (1, Gen.Constant<int?>(null)),
        (2, Gen.Elements<int?>(int.MinValue, -100, -1, 0, 1, 50, 99, 100, 101, int.MaxValue)),
        (3, Gen.Choose(-200, 300).Select(p => (int?)p)));

    private static Gen<TimeSpan?> RenewBefore(long lifetime) => Gen.Frequency(
        (1, Gen.Constant<TimeSpan?>(null)),
        (1, Gen.Elements<TimeSpan?>(TimeSpan.MinValue, TimeSpan.Zero, TimeSpan.MaxValue, TimeSpan.FromTicks(lifetime),
            TimeSpan.FromTicks(lifetime + 1), TimeSpan.FromTicks(Math.Max(lifetime - 1, 0)), -TimeSpan.FromTicks(lifetime))),
        (2, Ticks(40 * 365 * 86_400).Select(t => (TimeSpan?)TimeSpan.FromTicks(t))),
        (2, Ticks(40 * 365 * 86_400).Select(t => (TimeSpan?)TimeSpan.FromTicks(-t))),
        (3, Gen.Choose(0, 1_000_000).Select(permille => (TimeSpan?)TimeSpan.FromTicks((long)(lifetime * (permille / 1_000_000.0))))));

    public static Arbitrary<CertManagerCase> CertManagerCase() => Arb.From(
        from notBefore in NotBefore
        from lifetime in LifetimeTicks
        from renewBefore in RenewBefore(lifetime)
        from percentage in Percentage
        select new CertManagerCase(notBefore, notBefore.AddTicks(lifetime), renewBefore, percentage));

    public static Arbitrary<ValidRenewBeforeCase> ValidRenewBeforeCase() => Arb.From(
        from notBefore in NotBefore
        from lifetime in LifetimeTicks.Where(t => t >= 2 && t <= LongestGoDuration.Ticks)
        from renewBefore in Gen.Choose(0, 1_000_000).Select(permille => 1 + (long)((lifetime - 2) * (permille / 1_000_000.0)))
        from percentage in Percentage
        select new ValidRenewBeforeCase(notBefore, notBefore.AddTicks(lifetime), TimeSpan.FromTicks(renewBefore), percentage));
}
