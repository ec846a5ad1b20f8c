using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Application.Tenants;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Messaging;

/// <summary>
/// Marks the conversation read up to an inbound message (default: the latest), telling Meta (blue ticks) first; with
/// <see cref="ShowTyping"/> the customer also sees "typing…" until the next message (or 25 s).
/// </summary>
public sealed record MarkAsRead(string ConversationId, string? Wamid, bool ShowTyping = false) : ICommand<Conversation>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId).Concat(Check.MaxLength("wamid", Wamid, 256));
}

public sealed class MarkAsReadHandler(IDocumentSession session, ICurrentActor actor, IWhatsAppSender sender, ISecretProtector secrets, TimeProvider clock)
    : ICommandHandler<MarkAsRead, Conversation>
{
    public async ValueTask<Conversation> Handle(MarkAsRead command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenant = await TenantStream.Load(session, TenantOwned.TenantOf(actor), cancellationToken);
        var conversationId = Guid.Parse(command.ConversationId);
        var conversation = await ConversationStream.Load(session, conversationId, cancellationToken);
        var wamid = command.Wamid;
        if (string.IsNullOrEmpty(wamid))
        {
            var latest = await session.Query<MessageRecord>()
                .Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Inbound)
                .OrderByDescending(m => m.SentAt)

                // Meta's timestamps are whole seconds: two messages of one second are ordered by their arrival.
                .ThenByDescending(m => m.RecordedAt)
                .FirstOrDefaultAsync(cancellationToken);
            wamid = latest?.Id ?? throw new DomainException("NO_CUSTOMER_MESSAGE", "The customer has not written in this conversation yet.");
        }
        else if (await session.LoadAsync<MessageRecord>(wamid, cancellationToken) is not { Direction: MessageDirection.Inbound } inbound || inbound.ConversationId != conversationId)
        {
            throw new NotFoundException("message", wamid);
        }

        var number = tenant.FindPhoneNumber(conversation.PhoneNumberId)
            ?? throw new DomainException("NUMBER_SUSPENDED", "The conversation's number is no longer registered.");
        try
        {
            await sender.MarkReadAsync(new SenderAccount(number.PhoneNumberId, number.WabaId, secrets.Unprotect(number.ProtectedAccessToken)), wamid, command.ShowTyping, cancellationToken);
        }
        catch (GraphApiException ex)
        {
            throw new DomainException("META_REFUSED", $"Meta refused the read receipt: {ex.Error.Code} {ex.Error.Title}.");
        }

        return await ConversationStream.Update(session, conversationId, null, c => [new ConversationMarkedRead(c.Id, wamid, clock.GetUtcNow())], cancellationToken);
    }
}
