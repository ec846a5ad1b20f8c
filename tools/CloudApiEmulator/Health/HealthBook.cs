using System.Collections.Concurrent;

namespace PesanAI.CloudApiEmulator.Health;

/// <summary>A number's health as <c>GET /{phone-number-id}</c> shows it.</summary>
public sealed record NumberHealthState(string QualityRating, string ThroughputLevel, bool OnBizApp, string NameStatus, string Status);

/// <summary>A WhatsApp Business Account's restriction (<c>account_update</c> restriction_info).</summary>
public sealed record RestrictionState(string RestrictionType, DateTimeOffset? Expiration)
{
    public bool ActiveAt(DateTimeOffset now) => Expiration is not { } until || until > now;
}

/// <summary>
/// Number health and account standing, as Meta keeps them: per number its quality, throughput level and name; per WABA
/// (standing in for the business portfolio) its messaging limit, restrictions and ban state, and the customers reached
/// outside a customer-service window in the rolling 24 hours, which the limit counts.
/// </summary>
internal sealed class HealthBook
{
    public const string Unlimited = "TIER_UNLIMITED";

    private readonly ConcurrentDictionary<string, NumberHealthState> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    public static NumberHealthState DefaultNumber { get; } = new("GREEN", "STANDARD", false, "APPROVED", "CONNECTED");

    public NumberHealthState Number(string phoneNumberId) => _numbers.GetValueOrDefault(phoneNumberId, DefaultNumber);

    public void SetNumber(string phoneNumberId, NumberHealthState state) => _numbers[phoneNumberId] = state;

    public Account AccountOf(string wabaId) => _accounts.GetOrAdd(wabaId, _ => new Account());

    /// <summary>The messages per second of a throughput level (WHATSAPP.md section 5).</summary>
    public static int RateOf(NumberHealthState state) => state.OnBizApp ? 20 : state.ThroughputLevel == "HIGH" ? 1000 : 80;

    /// <summary>Customers a tier allows; null for unlimited (or a value the emulator does not know).</summary>
    public static int? LimitOf(string tier)
    {
        var value = tier.StartsWith("TIER_", StringComparison.Ordinal) ? tier[5..] : tier;
        return value.EndsWith('K') && int.TryParse(value[..^1], out var k) ? k * 1000
            : int.TryParse(value, out var n) ? n
            : null;
    }

    /// <summary>One WABA. Mutable: every member is read and written under its lock.</summary>
    internal sealed class Account
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, DateTimeOffset> _reached = new(StringComparer.Ordinal);
        private string _tier = Unlimited;
        private IReadOnlyList<RestrictionState> _restrictions = [];
        private string? _banState;

        public string Tier
        {
            get { lock (_gate) { return _tier; } }
            set { lock (_gate) { _tier = value; } }
        }

        public IReadOnlyList<RestrictionState> Restrictions
        {
            get { lock (_gate) { return _restrictions; } }
            set { lock (_gate) { _restrictions = value; } }
        }

        public string? BanState
        {
            get { lock (_gate) { return _banState; } }
            set { lock (_gate) { _banState = value; } }
        }

        public bool Restricted(string type, DateTimeOffset now) =>
            Restrictions.Any(r => r.RestrictionType == type && r.ActiveAt(now));

        /// <summary>
        /// Takes one of the limit's places for <paramref name="waId"/> (a customer reached in the last 24 hours already has
        /// one); false when the limit is used up.
        /// </summary>
        public bool TryReach(string waId, DateTimeOffset now)
        {
            lock (_gate)
            {
                var since = now.AddHours(-24);
                if (_reached.TryGetValue(waId, out var last) && last > since)
                {
                    _reached[waId] = now;
                    return true;
                }

                if (LimitOf(_tier) is { } limit && _reached.Values.Count(at => at > since) >= limit)
                {
                    return false;
                }

                _reached[waId] = now;
                return true;
            }
        }

        public int ReachedSince(DateTimeOffset since)
        {
            lock (_gate)
            {
                return _reached.Values.Count(at => at > since);
            }
        }
    }
}
