using JasperFx;
using JasperFx.Events;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Inbound;

/// <summary>
/// One tenant's share of a webhook, in one transaction: messages not stored before (by their key row), each
/// into its conversation; statuses into theirs. Two deliveries racing for the same message, customer or
/// conversation collide in the database (a key row, a link row, a stream version); the loser starts over
/// in a fresh transaction and then finds the winner's rows, so nothing is doubled and nothing is lost.
/// </summary>
public sealed class TenantIngest(IDocumentStore store, ICurrentActor actor, TimeProvider clock)
{
    private const int Attempts = 5;

    /// <summary>Ingests the changes; <c>raw</c> (or null) is the raw body to keep in the same transaction.</summary>
    public async Task<IngestResult> RunAsync(Guid tenantId, IReadOnlyList<InboundChange> changes, RawWebhook? raw, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(tenantId, changes, raw, cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && IsRace(ex))
            {
                // Another delivery got there first; its rows are committed, so the next attempt sees them.
            }
        }
    }

    /// <summary>Lost a race to another delivery: a key, link or stream the other one committed first.</summary>
    private static bool IsRace(Exception ex) =>
        ex is DocumentAlreadyExistsException or ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
        || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    private async Task<IngestResult> RunOnceAsync(Guid tenantId, IReadOnlyList<InboundChange> changes, RawWebhook? raw, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(tenantId.ToString());
        ActorStamp.Apply(session, actor);
        if (raw is not null)
        {
            // Single-tenanted technical data: stored as the platform's whatever the session's tenant.
            session.Store(raw);
        }

        var messages = changes
            .SelectMany(c => c.Messages.Where(m => m.From.IsKnown).Select(m => (c.PhoneNumberId, Message: m)))
            .DistinctBy(m => m.Message.Wamid)
            .ToList();
        var statuses = changes
            .SelectMany(c => c.Statuses.Where(s => s.Recipient.IsKnown).Select(s => (c.PhoneNumberId, Status: s)))
            .OrderBy(s => s.Status.At)
            .ToList();
        var preferences = changes
            .SelectMany(c => c.Preferences.Where(p => p.Customer.IsKnown).Select(p => (c.PhoneNumberId, Preference: p)))
            .ToList();
        var known = (await session.LoadManyAsync<InboundMessageKey>(cancellationToken, messages.Select(m => m.Message.Wamid)))
            .Select(k => k.Id)
            .ToHashSet();
        var fresh = messages.Where(m => !known.Contains(m.Message.Wamid)).OrderBy(m => m.Message.SentAt).ToList();
        if (fresh.Count == 0 && statuses.Count == 0 && preferences.Count == 0)
        {
            // A pure redelivery changes nothing and takes no locks.
            if (raw is not null)
            {
                await session.SaveChangesAsync(cancellationToken);
            }

            return new IngestResult(0, messages.Count, 0, []);
        }

        // A duplicate committed by another delivery while this one waits makes its key insert fail: the
        // retry then reads it as known. So the keys are read once, before the locks.
        await LockCustomersAsync(
            session,
            tenantId,
            [
                .. fresh.Select(m => (m.PhoneNumberId, m.Message.From)),
                .. statuses.Select(s => (s.PhoneNumberId, s.Status.Recipient)),
                .. preferences.Select(p => (p.PhoneNumberId, p.Preference.Customer)),
            ],
            cancellationToken);

        var customers = await CustomerBook.LoadAsync(
            session,
            tenantId,
            [.. fresh.Select(m => m.Message.From), .. statuses.Select(s => s.Status.Recipient), .. preferences.Select(p => p.Preference.Customer)],
            cancellationToken);
        foreach (var (phoneNumberId, preference) in preferences)
        {
            var customerId = customers.IdOf(preference.Customer);
            session.Store(new CustomerPreferenceRecord(
                NameBasedGuid.From($"pesanai:preference:{tenantId:D}:{customerId:D}:{preference.Category}:{preference.Value}:{preference.At.ToUnixTimeSeconds()}"),
                customerId,
                phoneNumberId,
                preference.Category,
                preference.Value,
                preference.Detail,
                preference.At,
                now));
        }

        var conversations = await ConversationBatch.FetchAsync(
            session,
            [
                .. fresh.Select(m => StableIds.Conversation(tenantId, m.PhoneNumberId, customers.IdOf(m.Message.From))),
                .. statuses.Select(s => StableIds.Conversation(tenantId, s.PhoneNumberId, customers.IdOf(s.Status.Recipient))),
            ],
            cancellationToken);
        foreach (var (phoneNumberId, message) in fresh)
        {
            var customerId = customers.IdOf(message.From);
            var conversation = conversations.Get(StableIds.Conversation(tenantId, phoneNumberId, customerId));
            conversation.Record(ConversationDecider.Receive(conversation.State, conversation.Id, tenantId, phoneNumberId, customerId, message, now));
            session.Insert(new InboundMessageKey(message.Wamid, conversation.Id, now));
        }

        var applied = 0;
        foreach (var (phoneNumberId, status) in statuses)
        {
            var customerId = customers.IdOf(status.Recipient);
            var conversation = conversations.Get(StableIds.Conversation(tenantId, phoneNumberId, customerId));
            var events = ConversationDecider.ApplyStatus(conversation.State, conversation.Id, tenantId, phoneNumberId, customerId, status, now);
            applied += events.OfType<MessageStatusChanged>().Count();
            conversation.Record(events);
        }

        await session.SaveChangesAsync(cancellationToken);
        return new IngestResult(fresh.Count, messages.Count - fresh.Count, applied, []);
    }

    /// <summary>
    /// Concurrent deliveries about the same customers take turns, those about different customers do not:
    /// a transaction-scoped advisory lock per (tenant, number, customer name), all taken in one statement in
    /// ascending order (so two batches never wait on each other crosswise). Whoever waits then reads what the
    /// other committed: no optimistic-concurrency retries, no deadlocks between batches of many customers.
    /// </summary>
    private static async Task LockCustomersAsync(
        IDocumentSession session, Guid tenantId, IReadOnlyList<(string PhoneNumberId, CustomerIdentity Customer)> customers, CancellationToken cancellationToken)
    {
        var keys = customers
            .SelectMany(c => new[] { c.Customer.WaId is { Length: > 0 } wa ? StableIds.WaLink(wa) : null, c.Customer.UserId is { Length: > 0 } uid ? StableIds.UserLink(uid) : null }
                .OfType<string>()
                .Select(name => LockKey($"{tenantId:D}|{c.PhoneNumberId}|{name}")))
            .Distinct()
            .Order()
            .ToArray();
        if (keys.Length == 0)
        {
            return;
        }

        await session.BeginTransactionAsync(cancellationToken);
        await session.QueryAsync<int>("select count(*)::int from (select pg_advisory_xact_lock(k) from unnest(?::bigint[]) as k) as locked", cancellationToken, keys);
    }

    private static long LockKey(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("pesanai:ingest-lock:" + name)), 0);

    /// <summary>The conversations a batch touches, fetched for writing in one round trip and evolved as events are decided.</summary>
    private sealed class ConversationBatch(IReadOnlyDictionary<Guid, Tracked> tracked)
    {
        public static async Task<ConversationBatch> FetchAsync(IDocumentSession session, IEnumerable<Guid> ids, CancellationToken cancellationToken)
        {
            var batch = session.CreateBatchQuery();
            var fetches = ids.Distinct().ToDictionary(id => id, id => batch.Events.FetchForWriting<Conversation>(id));
            await batch.Execute(cancellationToken);
            var tracked = new Dictionary<Guid, Tracked>();
            foreach (var (id, fetch) in fetches)
            {
                tracked[id] = new Tracked(id, await fetch);
            }

            return new ConversationBatch(tracked);
        }

        public Tracked Get(Guid id) => tracked[id];
    }

    private sealed class Tracked(Guid id, IEventStream<Conversation> stream)
    {
        public Guid Id { get; } = id;

        public Conversation? State { get; private set; } = stream.Aggregate;

        public void Record(IReadOnlyList<object> events)
        {
            if (events.Count == 0)
            {
                return;
            }

            stream.AppendMany(events);
            foreach (var e in events)
            {
                State = State is null ? (e is ConversationStarted started ? Conversation.Start(started) : null) : State.Evolve(e);
            }
        }
    }
}
