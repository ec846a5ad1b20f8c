using JasperFx.Events;
using Marten;
using PesanAI.Application.Audit;
using PesanAI.Application.Conversations;
using PesanAI.Application.Customers;
using PesanAI.Application.Inbound;
using PesanAI.Application.Media;
using PesanAI.Application.Messaging;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Privacy;

/// <summary>
/// Everything PesanAI keeps about one customer of a tenant, found from the customer's id: what an export writes and
/// an erasure removes. Each kind of row is found by the id it carries (the customer's, or one of their
/// conversations'), so a row added to the model later needs a line here (the erasure test scans every table).
/// </summary>
public sealed record CustomerFootprint(
    Guid CustomerId,
    IReadOnlyList<CustomerLink> Links,
    IReadOnlyList<Conversation> Conversations,
    IReadOnlyList<MessageRecord> Messages,
    IReadOnlyList<MediaItem> Media,
    ConsentRecord? Consent,
    IReadOnlyList<CustomerPreferenceRecord> Preferences,
    IReadOnlyList<InboundMessageKey> InboundKeys,
    IReadOnlyList<OutboundWamid> OutboundWamids,
    IReadOnlyList<SendRequestKey> SendRequests,
    IReadOnlyList<OutOfWindowContact> OutOfWindow,
    IReadOnlyList<DataAccessEntry> AccessRecords)
{
    /// <summary>
    /// Knowledge entries suggested from the customer's conversations (their words, redacted), whatever their state: an
    /// accepted one lives on as the business's entry, its suggestion record goes with the customer.
    /// </summary>
    public IReadOnlyList<KnowledgeSuggestion> Suggestions { get; init; } = [];

    /// <summary>Meta's names of the customer (wa_ids and user ids, also earlier ones), from the link rows and the conversations.</summary>
    public IReadOnlyList<string> Identities =>
    [
        .. Links.Select(l => l.Id[(l.Id.IndexOf(':', StringComparison.Ordinal) + 1)..])
            .Concat(Conversations.SelectMany(c => new[] { c.Customer.WaId, c.Customer.UserId }).OfType<string>())
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Meta's ids of every message to or from the customer.</summary>
    public IReadOnlyList<string> Wamids =>
    [
        .. InboundKeys.Select(k => k.Id)
            .Concat(OutboundWamids.Select(w => w.Id))
            .Concat(Messages.Select(m => m.Wamid).OfType<string>())
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Every id of the customer's data that other records (the access audit) may name.</summary>
    public IReadOnlyList<string> ResourceIds =>
    [
        CustomerId.ToString(),
        .. Conversations.Select(c => c.Id.ToString()),
        .. Messages.Select(m => m.Id),
        .. Messages.Select(m => m.MessageId?.ToString()).OfType<string>(),
        .. Media.Select(m => m.Id.ToString()),
        .. Suggestions.Select(s => s.Id.ToString()),
        .. Wamids,
    ];

    /// <summary>The event streams that hold nothing but this customer's data: their conversations, consent ledger and suggestions.</summary>
    public IReadOnlyList<Guid> StreamIds => [.. Conversations.Select(c => c.Id), CustomerId, .. Suggestions.Select(s => s.Id)];

    /// <summary>Whether the customer had opted out of marketing (or of everything): an opt-out outlives the erasure.</summary>
    public bool OptedOutOfMarketing => ConsentRecord.HasOptedOut(Consent, ConsentPurpose.Marketing);

    public static async Task<CustomerFootprint> LoadAsync(IQuerySession session, Guid customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var conversations = await session.Query<Conversation>().Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken);
        var conversationIds = conversations.Select(c => c.Id).ToArray();
        var media = new List<MediaItem>();
        foreach (var conversationId in conversationIds)
        {
            media.AddRange(await session.Query<MediaItem>().Where(i => i.ConversationId == conversationId).ToListAsync(cancellationToken));
        }

        var footprint = new CustomerFootprint(
            customerId,
            await session.Query<CustomerLink>().Where(l => l.CustomerId == customerId).ToListAsync(cancellationToken),
            conversations,
            await session.Query<MessageRecord>().Where(m => m.ConversationId.IsOneOf(conversationIds)).OrderBy(m => m.SentAt).ToListAsync(cancellationToken),
            media,
            await session.LoadAsync<ConsentRecord>(customerId, cancellationToken),
            await session.Query<CustomerPreferenceRecord>().Where(p => p.CustomerId == customerId).ToListAsync(cancellationToken),
            await session.Query<InboundMessageKey>().Where(k => k.ConversationId.IsOneOf(conversationIds)).ToListAsync(cancellationToken),
            await session.Query<OutboundWamid>().Where(w => w.ConversationId.IsOneOf(conversationIds)).ToListAsync(cancellationToken),
            await session.Query<SendRequestKey>().Where(k => k.ConversationId.IsOneOf(conversationIds)).ToListAsync(cancellationToken),
            await session.Query<OutOfWindowContact>().Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken),
            [])
        {
            Suggestions = await session.Query<KnowledgeSuggestion>().Where(s => s.ConversationId.IsOneOf(conversationIds)).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken),
        };
        var resourceIds = footprint.ResourceIds.ToArray();
        var access = await session.QueryAsync<DataAccessEntry>("where jsonb_exists_any(data -> 'resourceIds', ?)", cancellationToken, new object[] { resourceIds });
        return footprint with { AccessRecords = [.. access.OrderBy(a => a.AccessedAt)] };
    }

    /// <summary>The events of a stream, oldest first (an export's conversation and consent history).</summary>
    public static async Task<IReadOnlyList<IEvent>> EventsOfAsync(IQuerySession session, Guid streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.Events.FetchStreamAsync(streamId, token: cancellationToken);
    }
}
