using Trust.Time;

namespace Trust.Tests.Time;

public class DurationTextEdgeTests
{
    [Fact]
    public void The_longest_duration_a_time_span_holds_parses()
    {
        // 922337203685.4775807 s is TimeSpan.MaxValue to the tick (the nearest double is 2^63 ticks).
        Assert.True(DurationText.TryParse("922337203685.4775807s", out var longest));
        Assert.Equal(TimeSpan.MaxValue, longest);
        Assert.False(DurationText.TryParse("922337203686s", out _));
    }
}
