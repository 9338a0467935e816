using Trust.Renewal;
using Trust.Tests.Support;

namespace Trust.Tests.Renewal;

public class RenewalDecisionTests
{
    private static readonly DateTimeOffset Start = TestClock.Epoch;
    private static readonly DateTimeOffset End = Start.AddHours(100);
    private static readonly RenewalPolicy At90Percent = RenewalPolicy.LifetimeUsed(90);

    [Fact]
    public void Before_the_renewal_time_nothing_is_due()
    {
        var d = At90Percent.Decide(Start, End, Start.AddHours(89));
        Assert.False(d.NeedsRenewal);
        Assert.False(d.IsExpired);
        Assert.Equal(Start.AddHours(90), d.RenewalTime);
        Assert.Equal(TimeSpan.FromHours(1), d.UntilRenewal);
        Assert.Equal(TimeSpan.FromHours(11), d.Remaining);
        Assert.Equal(Start, d.NotBefore);
        Assert.Equal(End, d.NotAfter);
        Assert.Equal(Start.AddHours(89), d.Now);
    }

    [Fact]
    public void Exactly_at_the_renewal_time_renewal_is_due()
    {
        var d = At90Percent.Decide(Start, End, Start.AddHours(90));
        Assert.True(d.NeedsRenewal);
        Assert.Equal(TimeSpan.Zero, d.UntilRenewal);
    }

    [Fact]
    public void Expiry_is_after_NotAfter_not_at_it()
    {
        Assert.False(At90Percent.Decide(Start, End, End).IsExpired);
        Assert.True(At90Percent.Decide(Start, End, End.AddTicks(1)).IsExpired);
        Assert.Equal(TimeSpan.FromTicks(-1), At90Percent.Decide(Start, End, End.AddTicks(1)).Remaining);
    }

    [Fact]
    public void Certificates_are_decided_by_their_validity()
    {
        var anchor = Pki.Anchor(lifetime: TimeSpan.FromHours(100)).Certificate;
        Assert.Equal(anchor.NotBefore + (anchor.NotAfter - anchor.NotBefore) * 0.9, At90Percent.RenewalTime(anchor));
        Assert.False(At90Percent.NeedsRenewal(anchor, Start));
        Assert.True(At90Percent.NeedsRenewal(anchor, anchor.NotAfter));
        Assert.Equal(anchor.NotAfter, At90Percent.Decide(anchor, Start).NotAfter);
        Assert.Throws<ArgumentNullException>(() => At90Percent.RenewalTime(null!));
        Assert.Throws<ArgumentNullException>(() => At90Percent.Decide(null!, Start));
    }

    [Fact]
    public void A_window_renews_that_long_before_NotAfter_and_the_default_is_cert_managers()
    {
        Assert.Equal(End.AddHours(-10), RenewalPolicy.ExpiresWithin(TimeSpan.FromHours(10)).RenewalTime(Start, End));
        Assert.Equal(RenewalPolicy.CertManagerStyle().RenewalTime(Start, End), RenewalPolicy.Default.RenewalTime(Start, End));
        Assert.Equal(Start + TimeSpan.FromHours(100) * 2 / 3, RenewalPolicy.Default.RenewalTime(Start, End));
        Assert.Equal(Start, RenewalPolicy.LifetimeUsed(0).RenewalTime(Start, End));
        Assert.Equal(End, RenewalPolicy.LifetimeUsed(100).RenewalTime(Start, End));
        Assert.Equal(DateTimeOffset.MinValue, RenewalPolicy.ExpiresWithin(TimeSpan.MaxValue).RenewalTime(Start, End));
        Assert.Equal(DateTimeOffset.MaxValue, RenewalPolicy.ExpiresWithin(TimeSpan.MinValue).RenewalTime(Start, DateTimeOffset.MaxValue));
        Assert.Throws<ArgumentNullException>(() => RenewalPolicy.ParseExpiresIn(null!));
    }
}
