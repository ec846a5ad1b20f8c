namespace PesanAI.Infrastructure.Messaging;

/// <summary>Meta's limits as the dispatcher keeps them (WHATSAPP.md): per-number throughput and the per-recipient pair rate.</summary>
public sealed record DispatchOptions
{
    /// <summary>Off: this node queues messages but sends none (another node, or this one after a restart, does).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Messages per second per number: Meta's default is 80, raised up to 1,000.</summary>
    public double PerNumberRate { get; init; } = 80;

    /// <summary>
    /// Sends the number's bucket lets out at once: a tenth of a second's worth (8 at 80/s), at least one. Meta counts
    /// per second; a bucket of a whole second (R) let 2R out in the first second and, whenever the senders fell behind
    /// (a cold start, a slow database), R more on top of the rate later, which kept the rate over several seconds
    /// 6-12 % above R. A tenth bounds any window of W seconds to R·W + R/10 (1.1 R in one second, 1.05 R over two) and
    /// still makes up a stall of up to 100 ms; a longer stall costs rate instead of bunching the catch-up at Meta.
    /// </summary>
    public double PerNumberBurst => Math.Max(1, PerNumberRate / 10);

    /// <summary>Messages to one customer in a burst, then one per <see cref="PairInterval"/>.</summary>
    public int PairBurst { get; init; } = 10;

    public TimeSpan PairInterval { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Concurrent HTTP sends (over all numbers); each holds two database connections (liveness lock, session) meanwhile.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>How often unsettled messages are looked for in the store (besides the subscription's push).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts of a message that provably did not reach Meta before it is failed.</summary>
    public int MaxAttempts { get; init; } = 8;

    public static DispatchOptions Validated(DispatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PerNumberRate is <= 0 or > 1000
            ? throw new InvalidOperationException("PESANAI_DISPATCH_RATE must be within (0, 1000] messages per second per number (Meta's maximum is 1,000).")
            : options;
    }
}
