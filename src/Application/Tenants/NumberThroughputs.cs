using System.Collections.Concurrent;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

/// <summary>
/// Each number's throughput at Meta as this node last saw it (messages per second from its level: 80, 1,000, or 20 for
/// a number shared with the WhatsApp Business app). Told by whoever reads or changes a number's health: the dispatch
/// of each message (from the tenant it loads anyway, so a change made on another node arrives with the next send), the
/// webhook ingest and the health check (at once, on this node). The dispatcher reads it before every send.
/// </summary>
public sealed class NumberThroughputs
{
    private readonly ConcurrentDictionary<string, double> _rates = new(StringComparer.Ordinal);

    public void Report(RegisteredPhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        _rates[number.PhoneNumberId] = NumberThroughput.PerSecond(number.Health);
    }

    public void Report(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        foreach (var number in tenant.PhoneNumbers)
        {
            Report(number);
        }
    }

    /// <summary>The number's rate, or null when this node has not seen the number yet.</summary>
    public double? RateOf(string phoneNumberId) => _rates.TryGetValue(phoneNumberId, out var rate) ? rate : null;
}
