using PesanAI.Application.Customers;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Inbound;

/// <summary>
/// Splits one tenant's share of a large webhook (or of a processor batch) into parts by customer, each stored in its
/// own transaction; the parts share no customer, so <see cref="InboundIngest"/> stores them at once.
/// <para>
/// Why: a transaction holds the advisory locks of all its customers until it commits. A batch of 100 messages from
/// ~95 of 1,000 customers shares customers with nearly every other batch in flight, so whole batches queued behind
/// each other and ran about one at a time (2,952 messages/s with 1.24 of 2 cores busy; in parts 4,180–4,493,
/// 2026-11-25). Parts are ranges of the lock-key space (the key of a customer's first name), the same ranges for
/// every webhook, so concurrent batches move through them like a pipeline: while one batch stores its second part,
/// the next stores its first.
/// </para>
/// <para>
/// Safe: each part is what Meta could have delivered as a webhook of its own, and a customer's messages, statuses and
/// preferences (under the name that comes first) stay in one part, in their order. A webhook is settled only after
/// every part committed; if a part fails, the retry finds the other parts' messages stored and adds nothing twice.
/// </para>
/// </summary>
public static class IngestParts
{
    /// <summary>Fewer customers than this per part would pay more for the extra transaction than the pipeline gains.</summary>
    public const int CustomersPerPart = 16;

    /// <summary>At most this many parts (a power of two: the ranges of fewer parts are unions of the ranges of more).</summary>
    public const int MaxParts = 8;

    /// <summary>The parts, in range order; a webhook with fewer than 2 × <see cref="CustomersPerPart"/> customers stays whole.</summary>
    public static IReadOnlyList<IReadOnlyList<InboundChange>> Split(Guid tenantId, IReadOnlyList<InboundChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);

        // Each customer's lock key once, by (number, first name); a customer Meta names in no way (the ingest drops
        // it) gets key 0, the first part.
        var keys = changes
            .SelectMany(c => c.Messages.Select(m => Of(c.PhoneNumberId, m.From))
                .Concat(c.Statuses.Select(s => Of(c.PhoneNumberId, s.Recipient)))
                .Concat(c.Preferences.Select(p => Of(c.PhoneNumberId, p.Customer))))
            .Distinct()
            .ToDictionary(c => c, c => c.Name is null ? 0 : (ulong)TenantIngest.LockKey(tenantId, c.PhoneNumberId, c.Name));
        var parts = PartsFor(keys.Count);
        if (parts == 1)
        {
            return [changes];
        }

        var shift = 64 - int.Log2(parts);
        int PartOf(string phoneNumberId, CustomerIdentity customer) => (int)(keys[Of(phoneNumberId, customer)] >> shift);

        var split = new List<IReadOnlyList<InboundChange>>();
        for (var part = 0; part < parts; part++)
        {
            var changesOfPart = changes
                .Select(c => new InboundChange(
                    c.PhoneNumberId,
                    [.. c.Messages.Where(m => PartOf(c.PhoneNumberId, m.From) == part)],
                    [.. c.Statuses.Where(s => PartOf(c.PhoneNumberId, s.Recipient) == part)])
                {
                    Preferences = [.. c.Preferences.Where(p => PartOf(c.PhoneNumberId, p.Customer) == part)],
                })
                .Where(c => c.Messages.Count + c.Statuses.Count + c.Preferences.Count > 0)
                .ToList();
            if (changesOfPart.Count > 0)
            {
                split.Add(changesOfPart);
            }
        }

        return split;
    }

    private static (string PhoneNumberId, string? Name) Of(string phoneNumberId, CustomerIdentity customer) =>
        (phoneNumberId, CustomerBook.NamesOf(customer).FirstOrDefault());

    /// <summary>1, 2, 4 or 8 parts: one per <see cref="CustomersPerPart"/> customers, rounded down to a power of two.</summary>
    public static int PartsFor(int customers) =>
        customers < 2 * CustomersPerPart ? 1 : Math.Min(MaxParts, 1 << int.Log2(customers / CustomersPerPart));
}
