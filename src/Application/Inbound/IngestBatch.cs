using PesanAI.Application.Common;
using PesanAI.Application.Customers;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Inbound;

/// <summary>
/// The items of one ingest transaction, each with its phone number; items whose customer Meta names in no way are
/// left out. Messages once per wamid, statuses in Meta's time order, preferences as reported.
/// </summary>
internal sealed record IngestBatch(
    IReadOnlyList<(string PhoneNumberId, InboundMessage Message)> Messages,
    IReadOnlyList<(string PhoneNumberId, StatusUpdate Status)> Statuses,
    IReadOnlyList<(string PhoneNumberId, CustomerPreference Preference)> Preferences)
{
    /// <summary>
    /// Every customer named, with the number: messages' senders first, then statuses' recipients, then preferences',
    /// then the new ids system messages announce (locked and looked up like the others: they are linked to the sender).
    /// </summary>
    public IReadOnlyList<(string PhoneNumberId, CustomerIdentity Customer)> Customers { get; } =
    [
        .. Messages.Select(m => (m.PhoneNumberId, Customer: m.Message.From))
            .Concat(Statuses.Select(s => (s.PhoneNumberId, Customer: s.Status.Recipient)))
            .Concat(Preferences.Select(p => (p.PhoneNumberId, Customer: p.Preference.Customer)))
            .Concat(Messages.Where(m => m.Message.Content.System is not null)
                .Select(m => (m.PhoneNumberId, Customer: CustomerMerge.Announced(m.Message.From, m.Message.Content)))),
    ];

    /// <summary>The batch without the messages and statuses of these wamids.</summary>
    public IngestBatch Without(IReadOnlySet<string> wamids) => wamids.Count == 0 ? this : new(
        [.. Messages.Where(m => !wamids.Contains(m.Message.Wamid))],
        [.. Statuses.Where(s => !wamids.Contains(s.Status.Wamid))],
        Preferences);

    /// <summary>The wamids and the customers' identities of the messages and statuses of these wamids.</summary>
    public IReadOnlyList<string> ValuesOf(IReadOnlySet<string> wamids) =>
    [
        .. Messages.Where(m => wamids.Contains(m.Message.Wamid)).SelectMany(m => new[] { m.Message.Wamid, m.Message.From.WaId, m.Message.From.UserId })
            .Concat(Statuses.Where(s => wamids.Contains(s.Status.Wamid)).SelectMany(s => new[] { s.Status.Wamid, s.Status.Recipient.WaId, s.Status.Recipient.UserId }))
            .OfType<string>()
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal),
    ];

    public static IngestBatch Of(IReadOnlyList<InboundChange> changes) => new(
        [.. changes.SelectMany(c => c.Messages.Where(m => m.From.IsKnown).Select(m => (c.PhoneNumberId, Message: m))).DistinctBy(m => m.Message.Wamid)],
        [.. changes.SelectMany(c => c.Statuses.Where(s => s.Recipient.IsKnown).Select(s => (c.PhoneNumberId, Status: s))).OrderBy(s => s.Status.At)],
        [.. changes.SelectMany(c => c.Preferences.Where(p => p.Customer.IsKnown).Select(p => (c.PhoneNumberId, Preference: p)))]);
}

/// <summary>
/// What one ingest transaction reads before it writes, all in one round trip (<c>TenantIngest.ReadAsync</c>): the wamids
/// already stored, the customers' links, PesanAI's messages behind the statuses, and the conversations prefetched.
/// </summary>
internal sealed record IngestReads(
    IReadOnlySet<string> KnownWamids, IReadOnlyList<CustomerLink> Links, OutboundLookup Outbound, StreamTracker<Conversation> Conversations)
{
    /// <summary>The tenant's erasure key (ADR 015); null while the tenant never erased a customer.</summary>
    public Customers.ErasureSalt? ErasureSalt { get; init; }
}
