namespace PesanAI.Domain.Conversations;

/// <summary>
/// The bytes of a customer's media message are in the tenant's media store (<see cref="MediaId"/> is PesanAI's id,
/// <see cref="MetaMediaId"/> Meta's, which stops working after about 7 days). <see cref="Sha256"/> is lowercase hex.
/// </summary>
public sealed record MediaStored(
    Guid ConversationId,
    string Wamid,
    Guid MediaId,
    string MetaMediaId,
    string StoreKey,
    string MimeType,
    long Size,
    string Sha256,
    DateTimeOffset At) : IConversationEvent;

/// <summary>
/// The bytes of a customer's media message could not be kept, with the reason (a code such as
/// <c>SHA256_MISMATCH</c>, <c>TOO_LARGE</c>, <c>EXPIRED_AT_META</c>, <c>DOWNLOAD_FAILED</c>).
/// </summary>
public sealed record MediaUnavailable(
    Guid ConversationId,
    string Wamid,
    Guid MediaId,
    string MetaMediaId,
    string Reason,
    DateTimeOffset At) : IConversationEvent;

/// <summary>The bytes of a media item of the conversation were deleted (by the tenant or its retention).</summary>
public sealed record MediaDeleted(Guid ConversationId, Guid MediaId, DateTimeOffset At) : IConversationEvent;
