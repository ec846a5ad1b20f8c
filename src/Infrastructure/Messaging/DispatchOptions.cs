using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PesanAI.Infrastructure.Messaging;

/// <summary>Meta's limits as the dispatcher keeps them (WHATSAPP.md): per-number throughput and the per-recipient pair rate.</summary>
public sealed class DispatchOptions
{
    /// <summary>Off: this node queues messages but sends none (another node, or this one after a restart, does).</summary>
    [ConfigurationKeyName("PESANAI_DISPATCH_ENABLED")]
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Messages per second per number, for every number, when set: an override. Unset (the default), each number sends at
    /// its throughput level at Meta (<see cref="Domain.Tenants.NumberThroughput"/>: 80, 1,000 when upgraded, 20 when
    /// shared with the WhatsApp Business app).
    /// </summary>
    [ConfigurationKeyName("PESANAI_DISPATCH_RATE")]
    [Range(0d, 1000d, MinimumIsExclusive = true,
        ErrorMessage = "PESANAI_DISPATCH_RATE must be within (0, 1000] messages per second per number (Meta's maximum is 1,000).")]
    public double? PerNumberRate { get; set; }

    /// <summary>
    /// Sends the number's bucket lets out at once: a tenth of a second's worth (8 at 80/s), at least one. Meta counts
    /// per second; a bucket of a whole second (R) let 2R out in the first second and, whenever the senders fell behind
    /// (a cold start, a slow database), R more on top of the rate later, which kept the rate over several seconds
    /// 6-12 % above R. A tenth bounds any window of W seconds to R·W + R/10 (1.1 R in one second, 1.05 R over two) and
    /// still makes up a stall of up to 100 ms; a longer stall costs rate instead of bunching the catch-up at Meta.
    /// </summary>
    public double PerNumberBurst => BurstOf(PerNumberRate ?? Domain.Tenants.NumberThroughput.Standard);

    /// <summary>The bucket size for a rate (see <see cref="PerNumberBurst"/>).</summary>
    public static double BurstOf(double rate) => Math.Max(1, rate / 10);

    /// <summary>Messages to one customer in a burst, then one per <see cref="PairInterval"/>.</summary>
    [ConfigurationKeyName("PESANAI_PAIR_BURST")]
    [Range(1, 1000, ErrorMessage = "PESANAI_PAIR_BURST must be between 1 and 1000.")]
    public int PairBurst { get; set; } = 10;

    [ConfigurationKeyName("PESANAI_PAIR_INTERVAL_SECONDS")]
    [Range(0d, 3600d, MinimumIsExclusive = true, ErrorMessage = "PESANAI_PAIR_INTERVAL_SECONDS must be within (0, 3600] seconds.")]
    public double PairIntervalSeconds { get; set; } = 6;

    public TimeSpan PairInterval => TimeSpan.FromSeconds(PairIntervalSeconds);

    /// <summary>Concurrent HTTP sends (over all numbers); each holds two database connections (liveness lock, session) meanwhile.</summary>
    [ConfigurationKeyName("PESANAI_DISPATCH_CONCURRENCY")]
    [Range(1, 1000, ErrorMessage = "PESANAI_DISPATCH_CONCURRENCY must be between 1 and 1000.")]
    public int Concurrency { get; set; } = 16;

    /// <summary>How often unsettled messages are looked for in the store (besides the subscription's push).</summary>
    [ConfigurationKeyName("PESANAI_OUTBOX_SWEEP_SECONDS")]
    [Range(0d, 86_400d, MinimumIsExclusive = true, ErrorMessage = "PESANAI_OUTBOX_SWEEP_SECONDS must be within (0, 86400] seconds.")]
    public double SweepIntervalSeconds { get; set; } = 60;

    public TimeSpan SweepInterval => TimeSpan.FromSeconds(SweepIntervalSeconds);
}
