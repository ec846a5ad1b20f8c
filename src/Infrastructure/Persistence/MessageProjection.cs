using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;
using PesanAI.Application.Conversations;
using PesanAI.Domain.Conversations;

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
                    received.ReceivedAt));
                break;
            case MessageStatusChanged changed:
                operations.Patch<MessageRecord>(changed.Wamid)
                    .Set(m => m.Status, changed.Status)
                    .Set(m => m.StatusAt, changed.At)
                    .Set(m => m.Errors, changed.Errors);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
