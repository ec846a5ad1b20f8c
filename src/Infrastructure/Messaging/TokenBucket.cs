namespace PesanAI.Infrastructure.Messaging;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: <see cref="Burst"/> tokens at most (and at first), refilled at
/// <see cref="PerSecond"/>, so any window of W seconds holds at most PerSecond·W + Burst takes, however many callers
/// share it. <see cref="Take"/> answers how long to wait before a token is free (zero: taken).
/// </summary>
public sealed class TokenBucket(double perSecond, double burst, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _stamp = clock.GetTimestamp();

    public double PerSecond { get; } = perSecond;

    public double Burst { get; } = burst;

    public TimeSpan Take()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (clock.GetElapsedTime(_stamp, now).TotalSeconds * PerSecond));
            _stamp = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }

            // Rounded up to whole ticks: a wait under one tick would read as zero, a token taken that was not there.
            return TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / PerSecond * TimeSpan.TicksPerSecond)));
        }
    }
}
