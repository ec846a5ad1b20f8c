using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Application.Media;
using PesanAI.Application.Tenants;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Messaging;

/// <summary>How the dispatcher retries what provably did not reach Meta.</summary>
public sealed record DispatchSettings(int MaxAttempts = 8);

/// <summary>What one dispatch of a queued message came to; <see cref="RetryAt"/> is set when it must be tried again.</summary>
public sealed record DispatchResult(SendState State, DateTimeOffset? RetryAt);

/// <summary>
/// Send one queued message of the outbox, as the dispatcher's queue asks (through the mediator like every other use
/// case; the queue only decides when).
/// </summary>
public sealed record DispatchMessage(Guid TenantId, MessageQueued Queued) : ICommand<DispatchResult>;

/// <summary>
/// Records the attempt (committed before the HTTP call), calls Meta once, records the outcome. An attempt found
/// without an outcome (the process died mid-send) is recorded as in doubt instead of being sent again; the status
/// webhooks, which carry the message id back, settle it.
/// </summary>
public sealed class DispatchMessageHandler(
    IDocumentStore store, IWhatsAppSender sender, ISecretProtector secrets, TimeProvider clock, DispatchSettings settings, ILeases leases, StoredMediaUploads uploads,
    NumberThroughputs throughputs)
    : ICommandHandler<DispatchMessage, DispatchResult>
{
    public async ValueTask<DispatchResult> Handle(DispatchMessage command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (tenantId, queued) = (command.TenantId, command.Queued);

        // Liveness: a lease per message, held through the HTTP call. Another dispatcher (another node, a sweep)
        // skips a message whose lease is held; a process that dies loses its leases, so an attempt found without an
        // outcome under a free lease is truly cut off (in doubt), never one still in flight.
        await using var lease = await leases.TryTakeAsync(LeaseKey(queued.MessageId), cancellationToken);
        if (lease is null)
        {
            return new DispatchResult(SendState.Attempting, null);
        }

        return await DispatchLockedAsync(tenantId, queued, cancellationToken);
    }

    // The random half of the message id (a version 7 GUID begins with its time).
    internal static long LeaseKey(Guid messageId) => BitConverter.ToInt64(messageId.ToByteArray(), 8);

    private async Task<DispatchResult> DispatchLockedAsync(Guid tenantId, MessageQueued queued, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession(tenantId.ToString());
        var record = await session.LoadAsync<MessageRecord>(MessageRecord.OutboundId(queued.MessageId), cancellationToken);
        if (record is null)
        {
            // Not committed (or not this tenant's): nothing to send.
            return new DispatchResult(SendState.Failed, null);
        }

        var progress = record.Progress;
        var attempt = DispatchDecider.Attempt(queued.ConversationId, queued.MessageId, progress, clock.GetUtcNow());
        var attempted = attempt.OfType<SendAttempted>().SingleOrDefault();
        if (attempted is null)
        {
            await CommitAsync(tenantId, queued.ConversationId, attempt, cancellationToken);
            return new DispatchResult(attempt.Aggregate(progress, (p, e) => p.Evolve(e)).State, null);
        }

        var tenant = await TenantStream.Load(session, tenantId, cancellationToken);
        if (await RefusalAsync(session, tenant, queued, cancellationToken) is { } refusal)
        {
            await CommitAsync(tenantId, queued.ConversationId, [refusal], cancellationToken);
            return new DispatchResult(SendState.Failed, null);
        }

        var number = tenant.FindPhoneNumber(queued.PhoneNumberId)!;

        // The number's level as stored now: a change recorded on another node reaches this node's dispatcher here.
        throughputs.Report(number);
        var account = new SenderAccount(number.PhoneNumberId, number.WabaId, secrets.Unprotect(number.ProtectedAccessToken));
        await CommitAsync(tenantId, queued.ConversationId, attempt, cancellationToken);

        SendOutcome outcome;
        try
        {
            var (ready, failed) = await uploads.PrepareAsync(tenantId, queued, account, cancellationToken);
            outcome = failed ?? await sender.SendAsync(account, ready!, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-call: the attempt stays without an outcome and is taken as in doubt after restart.
            throw;
        }

        var outcomeEvents = DispatchDecider.Outcome(queued.ConversationId, queued.MessageId, attempted.Attempt, outcome, settings.MaxAttempts, clock.GetUtcNow());
        await CommitAsync(tenantId, queued.ConversationId, outcomeEvents, cancellationToken);
        if (outcome is SendOutcome.Refused { Error.Code: MetaErrorCodes.AccessTokenRejected })
        {
            // The token is dead for every message of the number: stop sending with it until it is replaced.
            await TenantStream.Update(session, tenantId, null, t => TenantDecider.RejectToken(t, queued.PhoneNumberId, clock.GetUtcNow()), cancellationToken);
        }

        var deferred = outcomeEvents.OfType<SendDeferred>().SingleOrDefault();
        return new DispatchResult(outcomeEvents.Aggregate(progress.Evolve(attempted), (p, e) => p.Evolve(e)).State, deferred?.RetryAt);
    }

    /// <summary>The send rules that can change after queueing, read now and decided by <see cref="SendDecider.Recheck"/>.</summary>
    private async Task<MessageFailed?> RefusalAsync(IDocumentSession session, Tenant tenant, MessageQueued queued, CancellationToken cancellationToken)
    {
        var number = NumberStanding.Of(tenant, queued.PhoneNumberId, clock.GetUtcNow());
        var consent = ConsentStanding.None;
        if (number.CanSend && queued.Category is TemplateCategory.Marketing)
        {
            // Only a marketing message reads the ledger: a customer's STOP after queuing stops it at once.
            var customerId = (await session.LoadAsync<Conversation>(queued.ConversationId, cancellationToken))?.CustomerId;
            consent = ConsentStanding.Of(customerId is { } id ? await session.LoadAsync<Domain.Consent.ConsentRecord>(id, cancellationToken) : null);
        }

        return SendDecider.Recheck(queued, number, consent, clock.GetUtcNow());
    }

    /// <summary>
    /// Appends without a version check (outbox events never contradict the conversation's other writers), each in
    /// its own short session: a quick append that races another writer of the stream for the same version number
    /// is simply appended again.
    /// </summary>
    private async Task CommitAsync(Guid tenantId, Guid conversationId, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await LostRace.RetryAsync(10, async attempt =>
        {
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(3 * (attempt - 1)), clock, cancellationToken);
            }

            await using var session = store.LightweightSession(tenantId.ToString());
            session.Events.Append(conversationId, events);
            await session.SaveChangesAsync(cancellationToken);
        });
    }
}
