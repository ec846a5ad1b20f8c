using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;

namespace PesanAI.Application.Inbound;

/// <summary>
/// An operator's replay: the parked webhook's raw body becomes pending again in the inbound queue (the processor runs
/// it as if it had just arrived; what it stored before is not stored twice) and the parked webhook is marked replayed.
/// A replayed one is not replayed again; if it fails again, the processor parks it again under a new id.
/// </summary>
public sealed record ReplayParkedWebhook(string ParkedWebhookId) : ICommand<ParkedWebhookSummary>, IValidatable
{
    public const string AlreadyReplayedReason = "ALREADY_REPLAYED";
    public const string RawWebhookPurgedReason = "RAW_WEBHOOK_PURGED";

    public IEnumerable<FieldViolation> Validate() => Check.Id("parked_webhook_id", ParkedWebhookId);
}

public sealed class ReplayParkedWebhookHandler(IDocumentStore store, IInboundQueue queue, ITransactionLocks locks, TimeProvider clock)
    : ICommandHandler<ReplayParkedWebhook, ParkedWebhookSummary>
{
    public async ValueTask<ParkedWebhookSummary> Handle(ReplayParkedWebhook command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var id = Guid.Parse(command.ParkedWebhookId);
        await using var session = store.LightweightSession();

        // Replays of the same parked webhook take turns: the second reads the first's mark and is refused, so the body
        // is requeued once. (The requeue commits on its own connection before the mark: if the mark then fails, a
        // second replay requeues again, which stores nothing twice.)
        await session.BeginTransactionAsync(cancellationToken);
        await locks.TakeAsync(session, BitConverter.ToInt64(NameBasedGuid.From($"pesanai:parked-webhook-replay:{id:D}").ToByteArray(), 0), cancellationToken);
        var parked = await session.LoadAsync<ParkedWebhook>(id, cancellationToken)
            ?? throw new NotFoundException("parked webhook", command.ParkedWebhookId);
        if (parked.ReplayedAt is { } replayedAt)
        {
            throw new DomainException(ReplayParkedWebhook.AlreadyReplayedReason, $"The parked webhook was replayed at {replayedAt:O}; a new failure parks it under a new id.");
        }

        if (!await queue.RequeueAsync(parked.RawWebhookId, cancellationToken))
        {
            throw new DomainException(
                ReplayParkedWebhook.RawWebhookPurgedReason,
                $"The raw webhook {parked.RawWebhookId} was purged after its retention (PESANAI_RAW_WEBHOOK_RETENTION_DAYS); there is nothing left to replay.");
        }

        var replayed = parked with { ReplayedAt = clock.GetUtcNow() };
        session.Store(replayed);
        await session.SaveChangesAsync(cancellationToken);
        return ParkedWebhookSummary.Of(replayed);
    }
}
