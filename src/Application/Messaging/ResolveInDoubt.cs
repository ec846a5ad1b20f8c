using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Messaging;

public enum InDoubtResolution
{
    /// <summary>Queue a copy as a new message (the customer may receive it twice).</summary>
    Resend = 1,

    /// <summary>Give the message up.</summary>
    Abandon = 2,
}

/// <summary>A person settles a message left in doubt (Meta may have it and no status webhook came): either way it ends failed.</summary>
public sealed record ResolveInDoubt(string MessageId, InDoubtResolution? Resolution, string? Note) : ICommand<InDoubtResolved>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        var resolution = Resolution is InDoubtResolution.Resend or InDoubtResolution.Abandon
            ? []
            : new[] { new FieldViolation("resolution", "must be RESEND or ABANDON") };
        return Check.Id("message_id", MessageId).Concat(resolution).Concat(Check.MaxLength("note", Note, 500));
    }
}

/// <summary>The in-doubt message, now failed, and for a resend the copy queued in its place.</summary>
public sealed record InDoubtResolved(MessageRecord Message, MessageRecord? Resent);

public sealed class ResolveInDoubtHandler(IDocumentSession session, ICurrentActor actor, ISender sender, TimeProvider clock)
    : ICommandHandler<ResolveInDoubt, InDoubtResolved>
{
    private const int Attempts = 4;

    public async ValueTask<InDoubtResolved> Handle(ResolveInDoubt command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var messageId = Guid.Parse(command.MessageId);
        var record = await LoadOutbound(session, messageId, cancellationToken);
        var resendKey = SendMessage.ResendPrefix + MessageRecord.OutboundId(messageId);
        if (command.Resolution == InDoubtResolution.Resend && record.SendState == SendState.Failed
            && await session.LoadAsync<SendRequestKey>(resendKey, cancellationToken) is { } earlier)
        {
            // A retried resend: the copy was queued and the message failed by the first call.
            return new InDoubtResolved(record, await LoadOutbound(session, earlier.MessageId, cancellationToken));
        }

        DispatchDecider.EnsureInDoubt(record.Progress);
        MessageRecord? resent = null;
        if (command.Resolution == InDoubtResolution.Resend)
        {
            // Queued first, under a new send's rules: a refusal changes nothing. The request id makes a retry of this
            // call (after a failure below) find the same copy instead of queueing another.
            var copy = new SendMessage(
                record.ConversationId.ToString(), null, null, record.Outbound, record.Context?.RepliedToWamid, resendKey, record.Origin ?? MessageOrigin.Api, ResendOfInDoubt: true);
            resent = (await sender.Send(copy, cancellationToken)).Message;
        }

        var failed = await FailAsync(tenantId, record.ConversationId, messageId, resent?.MessageId, command.Note, cancellationToken);
        return new InDoubtResolved(failed, resent);
    }

    /// <summary>
    /// Fetch the conversation for writing, then read the message: a status webhook that settles it meanwhile moves the
    /// stream, so the append fails and the message is read again. Each try on its own session (the injected one
    /// may hold the copy's failed attempt).
    /// </summary>
    private async Task<MessageRecord> FailAsync(Guid tenantId, Guid conversationId, Guid messageId, Guid? resentAs, string? note, CancellationToken cancellationToken)
    {
        return await LostRace.RetryAsync(
            Attempts,
            async _ =>
            {
                await using var fresh = session.DocumentStore.LightweightSession(tenantId.ToString());
                ActorStamp.Apply(fresh, actor);
                var stream = await fresh.Events.FetchForWriting<Conversation>(conversationId, cancellationToken);
                var record = await LoadOutbound(fresh, messageId, cancellationToken);
                IReadOnlyList<object> events;
                try
                {
                    events = DispatchDecider.Abandon(conversationId, messageId, record.Progress, resentAs, note, clock.GetUtcNow());
                }
                catch (DomainException ex) when (resentAs is { } copy)
                {
                    throw new DomainException(ex.Reason, $"{ex.Message} It was settled while being resolved; its copy {copy:D} is queued.", ex.Kind, ex);
                }

                stream.AppendMany(events);
                await fresh.SaveChangesAsync(cancellationToken);
                return await LoadOutbound(fresh, messageId, cancellationToken);
            },
            ex => new ConcurrencyConflictException("The conversation kept changing while the message was resolved; retry.", ex));
    }

    private static async Task<MessageRecord> LoadOutbound(IQuerySession reader, Guid messageId, CancellationToken cancellationToken) =>
        await reader.LoadAsync<MessageRecord>(MessageRecord.OutboundId(messageId), cancellationToken) is { Direction: MessageDirection.Outbound } record
            ? record
            : throw new NotFoundException("message", MessageRecord.OutboundId(messageId));
}
