using Marten;
using PesanAI.Application.Media;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Application.Customers;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Inbound;

/// <summary>
/// One tenant's share of a webhook, in one transaction: messages not stored before (by their key row), each
/// into its conversation; statuses into theirs. Two deliveries racing for the same message, customer or
/// conversation collide in the database (a key row, a link row, a stream version); the loser starts over
/// in a fresh transaction and then finds the winner's rows, so nothing is doubled and nothing is lost.
/// </summary>
public sealed class TenantIngest(
    IDocumentStore store, ICurrentActor actor, TimeProvider clock, ITransactionLocks locks, IMediaFetchQueue mediaFetches, Customers.ErasureHashes erasures)
{
    private const int Attempts = 5;

    internal static IngestResult Add(IngestResult total, IngestResult result) => total with
    {
        Stored = total.Stored + result.Stored,
        Duplicates = total.Duplicates + result.Duplicates,
        StatusesApplied = total.StatusesApplied + result.StatusesApplied,
        Parked = [.. total.Parked, .. result.Parked],
        Erased = [.. total.Erased, .. result.Erased],
    };

    /// <summary>
    /// A part (<see cref="IngestParts"/>: the parts of a tenant's changes share no customer, so they may run at once),
    /// or, when PostgreSQL refuses it for good (not for a transient reason), each of its items alone: one item the store
    /// cannot take must not sink the rest of the webhook. Items that fail alone are returned as parked.
    /// </summary>
    public async Task<IngestResult> RunPartAsync(
        Guid tenantId, IReadOnlyList<InboundChange> changes, TenantIntake intake, CancellationToken cancellationToken)
    {
        try
        {
            return await RunRacingAsync(tenantId, changes, intake, cancellationToken);
        }
        catch (Exception ex) when (IsPermanent(ex, cancellationToken))
        {
            var total = new IngestResult(0, 0, 0, []);
            foreach (var (item, parked) in Items(tenantId, changes))
            {
                try
                {
                    total = Add(total, await RunRacingAsync(tenantId, [item], intake, cancellationToken));
                }
                catch (Exception itemFailure) when (IsPermanent(itemFailure, cancellationToken))
                {
                    total = total with { Parked = [.. total.Parked, parked with { Reason = StoreFailures.Reason(itemFailure) }] };
                }
            }

            return total;
        }
    }

    private static bool IsPermanent(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && !StoreFailures.IsRetryable(ex);

    /// <summary>Each message, status and preference as a change of its own, in the order one transaction applies them.</summary>
    private static IEnumerable<(InboundChange Item, ParkedItem Parked)> Items(Guid tenantId, IReadOnlyList<InboundChange> changes)
    {
        foreach (var change in changes)
        {
            var number = change.PhoneNumberId;
            foreach (var preference in change.Preferences)
            {
                yield return (new InboundChange(number, [], []) { Preferences = [preference] }, new ParkedItem(tenantId, number, "user_preference", null, string.Empty));
            }

            foreach (var message in change.Messages)
            {
                yield return (new InboundChange(number, [message], []), new ParkedItem(tenantId, number, "message", message.Wamid, string.Empty));
            }

            foreach (var status in change.Statuses)
            {
                yield return (new InboundChange(number, [], [status]), new ParkedItem(tenantId, number, "status", $"{status.Wamid} {status.Status}", string.Empty));
            }
        }
    }

    // Another delivery got there first; its rows are committed, so the next attempt sees them.
    private Task<IngestResult> RunRacingAsync(
        Guid tenantId, IReadOnlyList<InboundChange> changes, TenantIntake intake, CancellationToken cancellationToken) =>
        LostRace.RetryAsync(Attempts, _ => RunOnceAsync(tenantId, changes, intake, cancellationToken));

    /// <summary>One attempt: the batch's reads, then its writes step by step (<see cref="IngestSteps"/>), then one commit.</summary>
    private async Task<IngestResult> RunOnceAsync(
        Guid tenantId, IReadOnlyList<InboundChange> changes, TenantIntake tenant, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(tenantId.ToString());
        ActorStamp.Apply(session, actor);

        var received = IngestBatch.Of(changes);
        await session.BeginTransactionAsync(cancellationToken);
        var reads = await ReadAsync(session, tenantId, received, cancellationToken);

        // Meta redelivers for days: a message or status of an erased customer (ADR 015) is left out, as a duplicate.
        var (erased, optedOut) = await ErasedAsync(session, reads.ErasureSalt, received, cancellationToken);
        var batch = received.Without(erased);
        var erasedValues = received.ValuesOf(erased);
        var fresh = batch.Messages.Where(m => !reads.KnownWamids.Contains(m.Message.Wamid)).OrderBy(m => m.Message.SentAt).ToList();
        if (fresh.Count == 0 && batch.Statuses.Count == 0 && batch.Preferences.Count == 0)
        {
            // A pure redelivery changes nothing.
            return new IngestResult(0, received.Messages.Count, 0, []) { Erased = erasedValues };
        }

        var customers = CustomerBook.Over(session, tenantId, reads.Links);
        await reads.Conversations.FetchAsync(
            session,
            [
                .. fresh.Select(m => StableIds.Conversation(tenantId, m.PhoneNumberId, customers.IdOf(m.Message.From))),
                .. batch.Statuses.Select(s => StableIds.Conversation(tenantId, s.PhoneNumberId, customers.IdOf(s.Status.Recipient))),
            ],
            cancellationToken);
        var steps = new IngestSteps(session, tenantId, tenant, customers, reads.Conversations, now, mediaFetches) { ErasedOptOuts = optedOut };
        await steps.PreferencesAsync(batch.Preferences, cancellationToken);
        await steps.MessagesAsync(fresh, cancellationToken);
        var applied = steps.ApplyStatuses(batch.Statuses, reads.Outbound);
        await session.SaveChangesAsync(cancellationToken);
        return new IngestResult(fresh.Count, received.Messages.Count - fresh.Count, applied, []) { Erased = erasedValues };
    }

    /// <summary>
    /// What erasures keep a hash of (ADR 015): the batch's erased wamids, and the senders' identities (wa_id or user id)
    /// that had opted out of marketing when erased. Nothing without the tenant's erasure key (it never erased anyone).
    /// </summary>
    private async Task<(IReadOnlySet<string> Wamids, IReadOnlySet<string> OptedOut)> ErasedAsync(
        IDocumentSession session, Customers.ErasureSalt? salt, IngestBatch batch, CancellationToken cancellationToken)
    {
        if (erasures.Open(salt) is not { } keyring)
        {
            return (new HashSet<string>(), new HashSet<string>());
        }

        var wamids = batch.Messages.Select(m => m.Message.Wamid).Concat(batch.Statuses.Select(s => s.Status.Wamid))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(keyring.Wamid, w => w, StringComparer.Ordinal);
        var identities = batch.Messages.SelectMany(m => new[] { m.Message.From.WaId, m.Message.From.UserId }).OfType<string>()
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(keyring.Identity, v => v, StringComparer.Ordinal);
        var kept = await session.LoadEachAsync<Customers.ErasedKey>([.. wamids.Keys, .. identities.Keys], cancellationToken);
        return (
            kept.Where(k => k.Kind == Customers.ErasedKind.Wamid).Select(k => wamids[k.Id]).ToHashSet(StringComparer.Ordinal),
            kept.Where(k => k.Kind == Customers.ErasedKind.Identity && k.OptedOut).Select(k => identities[k.Id]).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Every read in one round trip, in this order inside the transaction: the message keys (before the locks: a
    /// duplicate committed by another delivery while this one waits then fails its key insert, and the retry reads it
    /// as known), the customer locks, then the links and the conversations, which the locks keep still. Conversations
    /// are fetched under the ids their customers' first names give; a customer linked under another name costs one
    /// more round trip (the conversations' FetchAsync in <see cref="RunOnceAsync"/>).
    /// </summary>
    private async Task<IngestReads> ReadAsync(IDocumentSession session, Guid tenantId, IngestBatch batch, CancellationToken cancellationToken)
    {
        var reads = session.CreateBatchQuery();
        var keysRead = batch.Messages.Count == 0 ? null : reads.LoadEachOf<InboundMessageKey>(batch.Messages.Select(m => m.Message.Wamid));
        var lockKeys = LockKeys(tenantId, batch.Customers);
        if (lockKeys.Length > 0)
        {
            locks.TakeAll(reads, lockKeys);
        }

        var names = batch.Customers.SelectMany(n => CustomerBook.NamesOf(n.Customer)).Distinct().ToArray();
        var linksRead = names.Length == 0 ? null : reads.LoadEachOf<CustomerLink>(names);
        var outboundRead = batch.Statuses.Count == 0 ? null : reads.LoadEachOf<OutboundWamid>(batch.Statuses.Select(s => s.Status.Wamid));
        var callbackIds = batch.Statuses.Select(s => Guid.TryParse(s.Status.CallbackData, out var id) ? MessageRecord.OutboundId(id) : null).OfType<string>().ToArray();
        var callbacksRead = callbackIds.Length == 0 ? null : reads.LoadEachOf<MessageRecord>(callbackIds);
        var saltRead = reads.Load<Customers.ErasureSalt>(Customers.ErasureHashes.SaltId(tenantId));
        var conversations = new StreamTracker<Conversation>(ConversationStream.Kind);
        conversations.Prefetch(
            reads,
            batch.Customers.Take(batch.Messages.Count + batch.Statuses.Count)
                .Select(n => StableIds.Conversation(tenantId, n.PhoneNumberId, CustomerBook.FirstIdOf(tenantId, n.Customer)!.Value)));
        await reads.Execute(cancellationToken);

        return new IngestReads(
            (keysRead is null ? [] : await keysRead).Select(k => k.Id).ToHashSet(),
            linksRead is null ? [] : await linksRead,
            new OutboundLookup(outboundRead is null ? [] : await outboundRead, callbacksRead is null ? [] : await callbacksRead),
            conversations)
        {
            ErasureSalt = await saltRead,
        };
    }

    /// <summary>
    /// Concurrent deliveries about the same customers take turns, those about different customers do not:
    /// a transaction-scoped advisory lock per (tenant, number, customer name), all taken in one statement in
    /// ascending order (so two batches never wait on each other crosswise). Whoever waits then reads what the
    /// other committed: no optimistic-concurrency retries, no deadlocks between batches of many customers.
    /// </summary>
    private static long[] LockKeys(Guid tenantId, IEnumerable<(string PhoneNumberId, CustomerIdentity Customer)> customers) =>
        customers
            .SelectMany(c => CustomerBook.NamesOf(c.Customer).Select(name => LockKey(tenantId, c.PhoneNumberId, name)))
            .Distinct()
            .Order()
            .ToArray();

    /// <summary>The advisory-lock key of one of a customer's names on a number (IngestParts splits webhooks by it too).</summary>
    internal static long LockKey(Guid tenantId, string phoneNumberId, string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"pesanai:ingest-lock:{tenantId:D}|{phoneNumberId}|{name}")), 0);
}

/// <summary>What the ingest needs of the tenant, from the cached phone number route: consent keywords, and whether it is active.</summary>
public sealed record TenantIntake(ConsentKeywordSettings Keywords, bool Active);
