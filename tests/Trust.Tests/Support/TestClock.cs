using Microsoft.Extensions.Time.Testing;

namespace Trust.Tests.Support;

/// <summary>The fixed moment tests run at, and fake clocks that start there (no test reads the real clock).</summary>
public static class TestClock
{
    /// <summary>The moment every test treats as "now" unless it moves a clock.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A clock standing at <paramref name="now"/> (default <see cref="Epoch"/>) that moves only when told.</summary>
    public static FakeTimeProvider At(DateTimeOffset? now = null) => new(now ?? Epoch);
}
