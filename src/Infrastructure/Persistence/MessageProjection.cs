using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;
using PesanAI.Application.Conversations;
using PesanAI.Application.Messaging;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// One <see cref="MessageRecord"/> per message, inline and per tenant: inbound ones from MessageReceived;
/// delivery statuses (already decided monotonic by the conversation) patched onto the record they name.
/// </summary>
public sealed partial class MessageProjection : EventProjection
{
    public MessageProjection()
    {
        IncludeType<MessageReceived>();
        IncludeType<MessageStatusChanged>();
        IncludeType<MessageQueued>();
        IncludeType<SendAttempted>();
        IncludeType<MessageAccepted>();
        IncludeType<SendDeferred>();
        IncludeType<SendInDoubt>();
        IncludeType<MessageFailed>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Data)
        {
            case MessageReceived received:
                operations.Store(new MessageRecord(
                    received.Wamid,
                    received.ConversationId,
                    MessageDirection.Inbound,
                    received.Content,
                    received.Context,
                    received.Referral,
                    received.SentAt,
                    received.ReceivedAt) { Wamid = received.Wamid });
                break;
            case MessageStatusChanged changed:
                operations.Patch<MessageRecord>(changed.MessageId is { } messageId ? MessageRecord.OutboundId(messageId) : changed.Wamid)
                    .Set(m => m.Status, changed.Status)
                    .Set(m => m.StatusAt, changed.At)
                    .Set(m => m.Errors, changed.Errors);
                break;
            case MessageQueued queued:
                operations.Store(OutboundRecords.From(queued));
                break;
            case SendAttempted attempted:
                operations.Patch<MessageRecord>(MessageRecord.OutboundId(attempted.MessageId))
                    .Set(m => m.SendState, SendState.Attempting)
                    .Set(m => m.Attempts, attempted.Attempt);
                break;
            case MessageAccepted accepted:
                // Accepted is final for the send; the delivery status comes only from Meta's statuses.
                operations.Patch<MessageRecord>(MessageRecord.OutboundId(accepted.MessageId))
                    .Set(m => m.SendState, SendState.Accepted)
                    .Set(m => m.Wamid, accepted.Wamid);
                operations.Store(new OutboundWamid(accepted.Wamid, accepted.MessageId, accepted.ConversationId));
                break;
            case SendDeferred deferred:
                Note(operations, deferred.MessageId, SendState.Deferred, $"{deferred.Error.Code} {deferred.Error.Title}; retry at {deferred.RetryAt:O}");
                break;
            case SendInDoubt doubt:
                Note(operations, doubt.MessageId, SendState.InDoubt, doubt.Reason);
                break;
            case MessageFailed failed:
                Note(operations, failed.MessageId, SendState.Failed, $"{failed.Error.Code} {failed.Error.Title}");
                operations.Patch<MessageRecord>(MessageRecord.OutboundId(failed.MessageId)).Set(m => m.Errors, new[] { failed.Error });
                break;
        }

        return ValueTask.CompletedTask;
    }

    // A late doubt or failure never moves an accepted message back: the domain decides those events only for
    // unsettled messages, and the status webhooks record acceptance again if they race one.
    private static void Note(IDocumentOperations operations, Guid messageId, SendState state, string note) =>
        operations.Patch<MessageRecord>(MessageRecord.OutboundId(messageId))
            .Set(m => m.SendState, state)
            .Set(m => m.SendNote, note);
}
