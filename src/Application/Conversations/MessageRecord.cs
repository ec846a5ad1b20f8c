using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Conversations;

/// <summary>
/// One message of a conversation, as the API lists it (a read model kept inline by the event store,
/// per tenant). Keyed by Meta's wamid.
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
}
