using PesanAI.Domain.Common;

namespace PesanAI.Domain.Conversations;

/// <summary>A message from a customer, as Meta delivered it (<see cref="SentAt"/> is Meta's timestamp).</summary>
public sealed record InboundMessage(
    string Wamid,
    CustomerIdentity From,
    MessageContent Content,
    MessageContext? Context,
    AdReferral? Referral,
    DateTimeOffset SentAt);

public sealed record MessageError(int Code, string Title, string? Message = null, string? Details = null);

public sealed record PricingInfo(bool Billable, string? PricingModel, string? Category, string? Type);

/// <summary>
/// A delivery status Meta reported for one of the business's messages. The recipient is named by
/// <see cref="RecipientId"/> (wa_id; may be empty for customers with usernames) and/or <see cref="RecipientUserId"/>.
/// </summary>
public sealed record StatusUpdate(
    string Wamid,
    DeliveryStatus Status,
    DateTimeOffset At,
    string? RecipientId,
    IReadOnlyList<MessageError> Errors,
    PricingInfo? Pricing,
    string? RecipientUserId = null)
{
    /// <summary>Meta's <c>biz_opaque_callback_data</c>: PesanAI puts its message id there when it sends.</summary>
    public string? CallbackData { get; init; }

    public CustomerIdentity Recipient => new(string.IsNullOrEmpty(RecipientId) ? null : RecipientId, string.IsNullOrEmpty(RecipientUserId) ? null : RecipientUserId);
}

/// <summary>What every event of a conversation's stream carries: which conversation. Its implementations are the stream's event types.</summary>
public interface IConversationEvent
{
    Guid ConversationId { get; }
}

public sealed record ConversationStarted(
    Guid ConversationId,
    Guid TenantId,
    string PhoneNumberId,
    Guid CustomerId,
    CustomerIdentity Customer,
    DateTimeOffset StartedAt) : IConversationEvent;

public sealed record MessageReceived(
    Guid ConversationId,
    string Wamid,
    CustomerIdentity From,
    MessageContent Content,
    MessageContext? Context,
    AdReferral? Referral,
    DateTimeOffset SentAt,
    DateTimeOffset ReceivedAt) : IConversationEvent;

/// <summary>Also recorded for outbound messages PesanAI does not know (sent elsewhere): kept, not dropped.</summary>
public sealed record MessageStatusChanged(
    Guid ConversationId,
    string Wamid,
    DeliveryStatus Status,
    DateTimeOffset At,
    IReadOnlyList<MessageError> Errors,
    PricingInfo? Pricing) : IConversationEvent
{
    /// <summary>PesanAI's id of the message when PesanAI sent it (null for messages sent elsewhere).</summary>
    public Guid? MessageId { get; init; }
}

public sealed record ConversationAssigned(Guid ConversationId, Guid MemberId, DateTimeOffset At) : IConversationEvent;

public sealed record ConversationUnassigned(Guid ConversationId, DateTimeOffset At) : IConversationEvent;

public sealed record ConversationHandedOff(Guid ConversationId, string Reason, DateTimeOffset At) : IConversationEvent;

public sealed record AutomationResumed(Guid ConversationId, DateTimeOffset At) : IConversationEvent;

public sealed record ConversationLabelsSet(Guid ConversationId, IReadOnlyList<string> Labels, DateTimeOffset At) : IConversationEvent;

public sealed record ConversationClosed(Guid ConversationId, DateTimeOffset At) : IConversationEvent;

/// <summary>A closed conversation reopens when the customer writes again.</summary>
public sealed record ConversationReopened(Guid ConversationId, DateTimeOffset At) : IConversationEvent;

public static class ConversationEventTypes
{
    /// <summary>Every event of a Conversation stream, for registration with the event store.</summary>
    public static IReadOnlyList<Type> All { get; } = DomainEvents.Implementing<IConversationEvent>();
}
