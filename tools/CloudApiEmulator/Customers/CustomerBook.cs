using System.Collections.Concurrent;

namespace PesanAI.CloudApiEmulator.Customers;

/// <summary>How each customer behaves, and when each last wrote to each business number.</summary>
internal sealed class CustomerBook
{
    public static readonly TimeSpan ServiceWindow = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, CustomerBehaviour> _behaviours = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Number, string WaId), DateTimeOffset> _lastInbound = new();

    public CustomerBehaviour Behaviour(string waId) => _behaviours.GetValueOrDefault(waId) ?? new CustomerBehaviour(waId);

    public CustomerBehaviour Set(CustomerBehaviour behaviour) => _behaviours[behaviour.WaId] = behaviour;

    public void StopMarketing(string waId, bool stopped) =>
        _behaviours.AddOrUpdate(waId, id => new CustomerBehaviour(id, MarketingStopped: stopped), (_, b) => b with { MarketingStopped = stopped });

    /// <summary>Keeps the latest: a simulated message with an old timestamp does not shorten an open window.</summary>
    public void RecordInbound(string phoneNumberId, string waId, DateTimeOffset at) =>
        _lastInbound.AddOrUpdate((phoneNumberId, waId), at, (_, previous) => at > previous ? at : previous);

    /// <summary>A customer's new business-scoped user id (a changed number at Meta): their windows stay open under it.</summary>
    public void ChangeUserId(string previousUserId, string userId)
    {
        foreach (var ((number, id), at) in _lastInbound)
        {
            if (id == previousUserId)
            {
                RecordInbound(number, userId, at);
            }
        }
    }

    public bool WindowOpen(string phoneNumberId, string waId, DateTimeOffset now) =>
        _lastInbound.TryGetValue((phoneNumberId, waId), out var last) && now - last < ServiceWindow;
}

/// <summary>Undeliverable: sends are accepted, then fail with 131026. Marketing stopped: marketing templates fail with 131050.</summary>
public sealed record CustomerBehaviour(string WaId, bool Undeliverable = false, bool MarketingStopped = false);
