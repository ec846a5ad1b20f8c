using Microsoft.Extensions.Time.Testing;
using PesanAI.Infrastructure.Messaging;

namespace PesanAI.Infrastructure.UnitTests.Messaging;

/// <summary>
/// The per-number bucket as the dispatcher builds it (<see cref="DispatchOptions.PerNumberBurst"/>), on a fake clock:
/// whatever the number of concurrent takers, a window of W seconds holds at most R·W + burst sends, and takers that
/// wait as told keep the rate at R over a long run.
/// </summary>
public sealed class TokenBucketTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData(80)]
    [InlineData(200)]
    [InlineData(1000)]
    public void Concurrent_takers_get_the_burst_then_exactly_the_rate(double rate)
    {
        var (bucket, clock) = Bucket(rate);

        var sends = TakeEverything(bucket, clock, TimeSpan.FromSeconds(60), takers: 8);

        var burst = new DispatchOptions { PerNumberRate = rate }.PerNumberBurst;
        Assert.InRange(sends.Sum(), (rate * 60) + burst - 1, (rate * 60) + burst);
        Assert.InRange(PerSecond(sends)[0], rate, rate + burst);
        Assert.All(PerSecond(sends).Skip(1), second => Assert.InRange(second, rate - 1, rate + 1));
    }

    [Theory]
    [InlineData(80, 1)]
    [InlineData(80, 2)]
    [InlineData(80, 5)]
    [InlineData(200, 2)]
    public void No_window_holds_more_than_the_rate_plus_a_tenth_of_a_second(double rate, int seconds)
    {
        var (bucket, clock) = Bucket(rate);

        var sends = TakeEverything(bucket, clock, TimeSpan.FromSeconds(20), takers: 8);

        Assert.InRange(MostInAnyWindow(sends, TimeSpan.FromSeconds(seconds)), rate * seconds, (rate * seconds) + (rate / 10));
    }

    [Fact]
    public void A_stall_is_made_up_by_the_burst_only()
    {
        var (bucket, clock) = Bucket(80);
        TakeEverything(bucket, clock, TimeSpan.FromSeconds(5), takers: 4);

        // Every sender busy (a slow database) for three seconds: nobody takes.
        clock.Advance(TimeSpan.FromSeconds(3));
        var after = TakeEverything(bucket, clock, TimeSpan.FromSeconds(1), takers: 4);

        Assert.Equal(8, after[0]);
        Assert.InRange(after.Sum(), 80, 80 + 8);
    }

    [Fact]
    public void A_wait_shorter_than_a_tick_is_still_a_wait()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var bucket = new TokenBucket(3, 1, clock);
        Assert.Equal(TimeSpan.Zero, bucket.Take());

        // A third of a tick short of the next token.
        clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 3));
        var wait = bucket.Take();

        Assert.Equal(TimeSpan.FromTicks(1), wait);
        clock.Advance(wait);
        Assert.Equal(TimeSpan.Zero, bucket.Take());
        Assert.True(bucket.Take() > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(80, 16)]
    [InlineData(200, 16)]
    [InlineData(1000, 100)]
    public void Senders_that_wait_as_told_keep_the_rate(double rate, int senders)
    {
        var (bucket, clock) = Bucket(rate);
        var start = clock.GetUtcNow();
        var end = start + TimeSpan.FromSeconds(60);

        // Each sender takes a token, then spends 20-79 ms sending (so together they could go faster than the rate),
        // or sleeps for the wait it was told; events in time order, as the fake clock allows.
        var due = new PriorityQueue<int, DateTimeOffset>();
        for (var s = 0; s < senders; s++)
        {
            due.Enqueue(s, start);
        }

        var sent = new List<DateTimeOffset>();
        while (due.TryDequeue(out var sender, out var at) && at < end)
        {
            clock.SetUtcNow(Later(clock.GetUtcNow(), at));
            var wait = bucket.Take();
            if (wait == TimeSpan.Zero)
            {
                sent.Add(at);
                wait = TimeSpan.FromMilliseconds(20 + ((sent.Count * 37) % 60));
            }

            Assert.True(wait > TimeSpan.Zero);
            due.Enqueue(sender, at + wait);
        }

        var burst = new DispatchOptions { PerNumberRate = rate }.PerNumberBurst;
        Assert.InRange(sent.Count, (rate * 60) + burst - 2, (rate * 60) + burst);
        Assert.InRange(sent.Count(t => t >= start + TimeSpan.FromSeconds(10) && t < start + TimeSpan.FromSeconds(50)), (rate * 40) - 1, (rate * 40) + 1);
    }

    private static (TokenBucket Bucket, FakeTimeProvider Clock) Bucket(double rate)
    {
        var options = new DispatchOptions { PerNumberRate = rate };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        return (new TokenBucket(options.PerNumberRate!.Value, options.PerNumberBurst, clock), clock);
    }

    /// <summary>Every millisecond of fake time, concurrent takers take until the bucket says wait; the sends per millisecond.</summary>
    private static int[] TakeEverything(TokenBucket bucket, FakeTimeProvider clock, TimeSpan span, int takers)
    {
        var sends = new int[(int)(span / Step)];
        for (var step = 0; step < sends.Length; step++)
        {
            Parallel.For(0, takers, _ =>
            {
                // Bounded: a bucket that said zero without a token would otherwise never stop.
                for (var i = 0; i < 10_000 && bucket.Take() == TimeSpan.Zero; i++)
                {
                    Interlocked.Increment(ref sends[step]);
                }
            });
            clock.Advance(Step);
        }

        return sends;
    }

    private static int[] PerSecond(int[] sends) => sends.Chunk((int)(TimeSpan.FromSeconds(1) / Step)).Select(s => s.Sum()).ToArray();

    private static int MostInAnyWindow(int[] sends, TimeSpan window)
    {
        var width = (int)(window / Step);
        var inWindow = sends.Take(width).Sum();
        var most = inWindow;
        for (var step = width; step < sends.Length; step++)
        {
            inWindow += sends[step] - sends[step - width];
            most = Math.Max(most, inWindow);
        }

        return most;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
