using PesanAI.Domain.Messaging;

namespace PesanAI.Domain.Conversations;

/// <summary>
/// The outbox: a message the business asked to send, accepted by the send rules. The dispatcher sends it to
/// Meta; <see cref="Recipient"/> and <see cref="PhoneNumberId"/> are here so it needs nothing else.
/// </summary>
public sealed record MessageQueued(
    Guid ConversationId,
    Guid MessageId,
    string PhoneNumberId,
    string Recipient,
    OutboundContent Content,
    string? ReplyToWamid,
    MessageOrigin Origin,
    TemplateCategory? Category,
    string? RequestId,
    DateTimeOffset QueuedAt) : IConversationEvent
{
    /// <summary>
    /// A business-initiated send: a template to a customer whose window was closed when it was queued. It counts
    /// toward the messaging limit and is refused while business-initiated messaging is restricted.
    /// </summary>
    public bool OutsideWindow { get; init; }
}

/// <summary>Recorded before the HTTP call: after a crash, an attempt without an outcome is in doubt, never resent blindly.</summary>
public sealed record SendAttempted(Guid ConversationId, Guid MessageId, int Attempt, DateTimeOffset At) : IConversationEvent;

/// <summary>Meta accepted the message (or a status webhook carrying its id showed it did).</summary>
public sealed record MessageAccepted(Guid ConversationId, Guid MessageId, string Wamid, DateTimeOffset At) : IConversationEvent;

/// <summary>The attempt provably did not reach Meta (refused connection, 130429, 131056, 429): it is tried again at <see cref="RetryAt"/>.</summary>
public sealed record SendDeferred(Guid ConversationId, Guid MessageId, int Attempt, MessageError Error, DateTimeOffset RetryAt, DateTimeOffset At) : IConversationEvent;

/// <summary>The attempt may have reached Meta (timeout, 5xx, dropped connection): status webhooks settle it, or a person does.</summary>
public sealed record SendInDoubt(Guid ConversationId, Guid MessageId, int Attempt, string Reason, DateTimeOffset At) : IConversationEvent;

/// <summary>Terminal: Meta refused the message, or it was given up.</summary>
public sealed record MessageFailed(Guid ConversationId, Guid MessageId, MessageError Error, DateTimeOffset At) : IConversationEvent;

/// <summary>The business read the conversation up to <see cref="Wamid"/> (and told Meta so).</summary>
public sealed record ConversationMarkedRead(Guid ConversationId, string Wamid, DateTimeOffset At) : IConversationEvent;
