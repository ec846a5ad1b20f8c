using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Conversations;

/// <summary>
/// One message of a conversation, as the API lists it (a read model kept inline by the event store,
/// per tenant). Inbound messages are keyed by Meta's wamid; outbound ones by PesanAI's message id ("D"
/// format), because Meta names them only once it accepted them.
/// </summary>
public sealed record MessageRecord(
    string Id,
    Guid ConversationId,
    MessageDirection Direction,
    MessageContent Content,
    MessageContext? Context,
    AdReferral? Referral,
    DateTimeOffset SentAt,
    DateTimeOffset RecordedAt)
{
    public DeliveryStatus Status { get; init; }

    public DateTimeOffset? StatusAt { get; init; }

    public IReadOnlyList<MessageError> Errors { get; init; } = [];

    /// <summary>Meta's id: the key of inbound messages; of outbound ones once Meta accepted them.</summary>
    public string? Wamid { get; init; }

    /// <summary>Outbound only: PesanAI's message id.</summary>
    public Guid? MessageId { get; init; }

    public MessageOrigin? Origin { get; init; }

    /// <summary>Outbound only: where the message stands on its way to Meta.</summary>
    public SendState? SendState { get; init; }

    public int Attempts { get; init; }

    /// <summary>Outbound only: what was asked to be sent, as sent.</summary>
    public OutboundContent? Outbound { get; init; }

    public TemplateCategory? Category { get; init; }

    public string? RequestId { get; init; }

    /// <summary>Why the last attempt did not end in acceptance (deferred, in doubt or failed).</summary>
    public string? SendNote { get; init; }

    public OutboundProgress Progress => new(SendState ?? Domain.Messaging.SendState.Queued, Attempts, Wamid);

    public static string OutboundId(Guid messageId) => messageId.ToString("D");
}

/// <summary>Finds PesanAI's message behind a wamid Meta reports a status for.</summary>
public sealed record OutboundWamid(string Id, Guid MessageId, Guid ConversationId);
