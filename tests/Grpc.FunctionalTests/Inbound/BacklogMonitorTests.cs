using PesanAI.Host.Webhooks;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>The backlog monitor reads twice a second, and less often when a reading is slow (a large backlog to count).</summary>
public sealed class BacklogMonitorTests
{
    [Theory]
    [InlineData(0, 500)]
    [InlineData(5, 500)]
    [InlineData(25, 500)]
    [InlineData(50, 1_000)]
    [InlineData(300, 6_000)]
    [InlineData(2_000, 10_000)]
    public void A_reading_takes_at_most_a_twentieth_of_the_time_between_readings_which_is_at_most_ten_seconds(int tookMs, int waitMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(waitMs), InboundBacklogMonitor.NextDelay(TimeSpan.FromMilliseconds(tookMs)));
    }
}
