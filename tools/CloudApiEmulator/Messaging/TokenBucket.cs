namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>A classic token bucket: starts full, refills continuously, one token per message.</summary>
internal sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private double _tokens;
    private DateTimeOffset _updated;

    public TokenBucket(double capacity, double tokensPerSecond, DateTimeOffset now)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _tokens = capacity;
        _updated = now;
    }

    public bool TryTake(DateTimeOffset now)
    {
        lock (_lock)
        {
            var elapsed = Math.Max(0, (now - _updated).TotalSeconds);
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _tokensPerSecond));
            _updated = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
