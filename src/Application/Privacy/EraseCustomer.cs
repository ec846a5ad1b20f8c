using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Application.Customers;
using PesanAI.Application.Inbound;
using PesanAI.Application.Media;
using PesanAI.Application.Messaging;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Audit;
using PesanAI.Domain.Common;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Privacy;

namespace PesanAI.Application.Privacy;

/// <summary>Erases a customer's personal data (ADR 015); repeating a request id returns the first erasure.</summary>
public sealed record EraseCustomer(CustomerRef Customer, string RequestId, string? Reason) : ICommand<CustomerErased>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
    [
        .. Customer.Validate(),
        .. Check.Required("request_id", RequestId, 100),
        .. Check.MaxLength("reason", Reason, 500),
    ];
}

/// <summary>What is left of an erasure: the event, kept as a document too (found again by the request's id).</summary>
public sealed record ErasureRecord(Guid Id, CustomerErased Erasure);

/// <summary>
/// One transaction under the customer's ingest locks (every name, every number of the tenant) and the dispatch leases
/// of their unsettled messages: a webhook or a send racing the erasure finishes before it (and is erased) or runs after
/// it (and finds no customer: a new, clean record). The media bytes follow the commit (<see cref="MediaErasures"/>,
/// which a crash only delays).
/// </summary>
public sealed class EraseCustomerHandler(
    IDocumentStore store,
    ICurrentActor actor,
    TimeProvider clock,
    ITransactionLocks locks,
    ILeases leases,
    ErasureHashes hashes,
    IInboundQueue inbound,
    IMediaFetchQueue mediaFetches,
    MediaErasures mediaErasures)
    : ICommandHandler<EraseCustomer, CustomerErased>
{
    /// <summary>How long an erasure waits for a send in flight to the customer to finish.</summary>
    public static readonly TimeSpan SendWait = TimeSpan.FromSeconds(30);

    public async ValueTask<CustomerErased> Handle(EraseCustomer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var erasureId = NameBasedGuid.From($"pesanai:erasure:{tenantId:D}:{command.RequestId}");
        await using var session = store.LightweightSession(tenantId.ToString());
        ActorStamp.Apply(session, actor);
        if (await session.LoadAsync<ErasureRecord>(erasureId, cancellationToken) is { } done)
        {
            return done.Erasure;
        }

        var customerId = await command.Customer.ResolveAsync(session, cancellationToken);
        var before = await CustomerFootprint.LoadAsync(session, customerId, cancellationToken);
        var held = await TakeSendLeasesAsync(before, cancellationToken);
        try
        {
            await session.BeginTransactionAsync(cancellationToken);
            var tenant = await TenantStream.Load(session, tenantId, cancellationToken);
            var keys = tenant.PhoneNumbers
                .SelectMany(n => before.Links.Select(l => TenantIngest.LockKey(tenantId, n.PhoneNumberId, l.Id)))
                .Distinct().Order();
            foreach (var key in keys)
            {
                await locks.TakeAsync(session, key, cancellationToken);
            }

            // Read again under the locks: what a racing ingest committed meanwhile is erased too.
            var footprint = await CustomerFootprint.LoadAsync(session, customerId, cancellationToken);
            var erased = new CustomerErased(
                erasureId,
                tenantId,
                command.RequestId,
                string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason,
                actor.MemberId is { } member ? $"{actor.CredentialId} (member {member})" : actor.CredentialId,
                footprint.Conversations.Count,
                footprint.Messages.Count,
                footprint.Media.Count(m => m.StoreKey is not null),
                footprint.Consent is null ? 0 : (int)footprint.Consent.Version,
                footprint.OptedOutOfMarketing,
                clock.GetUtcNow());

            await KeepHashesAsync(session, tenantId, footprint, erased, cancellationToken);
            Remove(session, tenantId, footprint, erasureId);
            await inbound.RedactAsync(session, [.. footprint.Identities, .. footprint.Wamids], cancellationToken);
            await RedactParkedAsync(session, [.. footprint.Identities, .. footprint.Wamids], cancellationToken);
            await RemoveDeadLettersAsync(session, footprint.StreamIds, cancellationToken);
            foreach (var item in footprint.Media)
            {
                mediaFetches.Complete(session, item.Id);
                if (item.StoreKey is { } storeKey)
                {
                    mediaErasures.Schedule(session, tenantId, storeKey);
                }
            }

            session.Events.Append(PrivacyStream.For(tenantId), erased);
            session.Insert(new ErasureRecord(erasureId, erased));
            await session.SaveChangesAsync(cancellationToken);
            await mediaErasures.RunAsync(tenantId, cancellationToken);
            return erased;
        }
        finally
        {
            foreach (var lease in held)
            {
                await lease.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The dispatch lease of each message still on its way: a dispatch in flight finishes (and its outcome is erased
    /// with the rest); one that starts later finds no message to send.
    /// </summary>
    private async Task<List<IAsyncDisposable>> TakeSendLeasesAsync(CustomerFootprint footprint, CancellationToken cancellationToken)
    {
        var held = new List<IAsyncDisposable>();
        var unsettled = footprint.Messages
            .Where(m => m.MessageId is not null && m.SendState is SendState.Queued or SendState.Attempting or SendState.Deferred or SendState.InDoubt)
            .Select(m => m.MessageId!.Value);
        var deadline = DateTimeOffset.UtcNow + SendWait;
        foreach (var messageId in unsettled)
        {
            IAsyncDisposable? lease;
            while ((lease = await leases.TryTakeAsync(DispatchMessageHandler.LeaseKey(messageId), cancellationToken)) is null)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    foreach (var taken in held)
                    {
                        await taken.DisposeAsync();
                    }

                    throw new UnavailableException("A message to the customer is being sent; try the erasure again in a moment.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }

            held.Add(lease);
        }

        return held;
    }

    private async Task KeepHashesAsync(IDocumentSession session, Guid tenantId, CustomerFootprint footprint, CustomerErased erased, CancellationToken cancellationToken)
    {
        var keyring = await hashes.OpenOrCreateAsync(session, tenantId, cancellationToken);
        foreach (var identity in footprint.Identities)
        {
            session.Store(new ErasedKey(keyring.Identity(identity), ErasedKind.Identity, erased.ErasureId, erased.ErasedAt) { OptedOut = erased.OptOutKept });
        }

        foreach (var wamid in footprint.Wamids)
        {
            session.Store(new ErasedKey(keyring.Wamid(wamid), ErasedKind.Wamid, erased.ErasureId, erased.ErasedAt));
        }
    }

    /// <summary>Every row of the footprint, the customer's streams (events, headers and all), and their ids in the access audit.</summary>
    private static void Remove(IDocumentSession session, Guid tenantId, CustomerFootprint footprint, Guid erasureId)
    {
        var customerId = footprint.CustomerId;
        var conversationIds = footprint.Conversations.Select(c => c.Id).ToArray();
        session.DeleteWhere<CustomerLink>(l => l.CustomerId == customerId);
        session.DeleteWhere<Conversation>(c => c.CustomerId == customerId);
        session.DeleteWhere<MessageRecord>(m => m.ConversationId.IsOneOf(conversationIds));
        session.DeleteWhere<InboundMessageKey>(k => k.ConversationId.IsOneOf(conversationIds));
        session.DeleteWhere<OutboundWamid>(w => w.ConversationId.IsOneOf(conversationIds));
        session.DeleteWhere<SendRequestKey>(k => k.ConversationId.IsOneOf(conversationIds));
        session.DeleteWhere<CustomerPreferenceRecord>(p => p.CustomerId == customerId);
        session.DeleteWhere<OutOfWindowContact>(c => c.CustomerId == customerId);
        session.Delete<ConsentRecord>(customerId);
        session.DeleteWhere<Domain.Knowledge.KnowledgeSuggestion>(s => s.ConversationId.IsOneOf(conversationIds));
        foreach (var item in footprint.Media)
        {
            session.Delete<MediaItem>(item.Id);
        }

        var tenant = tenantId.ToString();
        var streams = footprint.StreamIds.ToArray();
        session.QueueSqlCommand($"delete from {Schema}.mt_events where tenant_id = ? and stream_id = any(?)", tenant, streams);
        session.QueueSqlCommand($"delete from {Schema}.mt_streams where tenant_id = ? and id = any(?)", tenant, streams);

        // The access audit keeps that a read happened, not whose data it was.
        var ids = footprint.ResourceIds.ToArray();
        var replacement = "erased:" + erasureId.ToString("D");
        const string Masked = "(select coalesce(jsonb_agg(case when x = any(?) then ? else x end), '[]'::jsonb) from jsonb_array_elements_text(data -> 'resourceIds') x)";
        session.QueueSqlCommand(
            $"update {Schema}.mt_events set data = jsonb_set(data, '{{resourceIds}}', {Masked}) where tenant_id = ? and stream_id = ? and jsonb_exists_any(data -> 'resourceIds', ?)",
            ids, replacement, tenant, AccessStream.For(tenantId), ids);
        session.QueueSqlCommand(
            $"update {Schema}.mt_doc_dataaccessentry set data = jsonb_set(data, '{{resourceIds}}', {Masked}) where tenant_id = ? and jsonb_exists_any(data -> 'resourceIds', ?)",
            ids, replacement, tenant, ids);
    }

    private const string Schema = "pesanai";

    /// <summary>
    /// Events of the customer's streams that a projection or subscription could not apply and Marten kept as dead letters
    /// (a copy of the event, with its data): the table exists once Marten needed it.
    /// </summary>
    private static async Task RemoveDeadLettersAsync(IDocumentSession session, IReadOnlyList<Guid> streamIds, CancellationToken cancellationToken)
    {
        var exists = await session.QueryAsync<bool>($"select to_regclass('{Schema}.mt_doc_deadletterevent') is not null", cancellationToken);
        if (exists.FirstOrDefault())
        {
            session.QueueSqlCommand(
                $"delete from {Schema}.mt_doc_deadletterevent where data::text like any(?)",
                (object)streamIds.Select(id => "%" + id.ToString("D") + "%").ToArray());
        }
    }

    /// <summary>Parked webhooks (the dead letters of the inbound path) lose the customer's items and body parts too.</summary>
    private static async Task RedactParkedAsync(IDocumentSession session, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var conditions = string.Join(" or ", values.Select(_ => "strpos(data ->> 'body', ?) > 0 or strpos(data ->> 'items', ?) > 0"));
        var parked = await session.QueryAsync<ParkedWebhook>($"where {conditions}", cancellationToken, [.. values.SelectMany(v => new object[] { v, v })]);
        foreach (var webhook in parked)
        {
            var body = WebhookBodyRedaction.Redact(System.Text.Encoding.UTF8.GetBytes(webhook.Body), values);
            var items = webhook.Items.Select(i => i.ItemId is { } id && values.Any(v => id.Contains(v, StringComparison.Ordinal)) ? i with { ItemId = null } : i).ToList();
            if (body is not null || !items.SequenceEqual(webhook.Items))
            {
                var kept = body is null ? webhook.Body : System.Text.Encoding.UTF8.GetString(body);
                session.Store(webhook with { Body = kept, BodyBytes = System.Text.Encoding.UTF8.GetByteCount(kept), Items = items });
            }
        }
    }
}
