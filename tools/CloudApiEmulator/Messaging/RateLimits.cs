using System.Collections.Concurrent;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>The number's throughput (130429) and the business-customer pair rate (131056).</summary>
internal sealed class RateLimits(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, (int Rate, TokenBucket Bucket)> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Number, string WaId), TokenBucket> _pairs = new();

    /// <summary>The number's bucket follows its throughput: a changed rate (a new level) starts a new bucket at it.</summary>
    public bool TryThroughput(BusinessNumber number, DateTimeOffset now)
    {
        var rate = number.ThroughputPerSecond;
        var entry = _numbers.AddOrUpdate(
            number.PhoneNumberId,
            _ => (rate, new TokenBucket(rate, rate, now)),
            (_, current) => current.Rate == rate ? current : (rate, new TokenBucket(rate, rate, now)));
        return entry.Bucket.TryTake(now);
    }

    public bool TryPair(BusinessNumber number, string waId, DateTimeOffset now) =>
        _pairs.GetOrAdd((number.PhoneNumberId, waId), _ => new TokenBucket(options.PairBurst, 1 / options.PairInterval.TotalSeconds, now)).TryTake(now);

    public void Reset()
    {
        _numbers.Clear();
        _pairs.Clear();
    }
}
