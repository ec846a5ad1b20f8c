using System.Collections.Concurrent;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>The number's throughput (130429) and the business-customer pair rate (131056).</summary>
internal sealed class RateLimits(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Number, string WaId), TokenBucket> _pairs = new();

    public bool TryThroughput(BusinessNumber number, DateTimeOffset now) =>
        _numbers.GetOrAdd(number.PhoneNumberId, _ => new TokenBucket(number.ThroughputPerSecond, number.ThroughputPerSecond, now)).TryTake(now);

    public bool TryPair(BusinessNumber number, string waId, DateTimeOffset now) =>
        _pairs.GetOrAdd((number.PhoneNumberId, waId), _ => new TokenBucket(options.PairBurst, 1 / options.PairInterval.TotalSeconds, now)).TryTake(now);

    public void Reset()
    {
        _numbers.Clear();
        _pairs.Clear();
    }
}
