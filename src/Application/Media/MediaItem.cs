using PesanAI.Application.Common;
using PesanAI.Domain.Common;

namespace PesanAI.Application.Media;

public enum MediaOrigin
{
    /// <summary>A customer sent it; PesanAI fetched (or is fetching) it from Meta.</summary>
    Inbound,

    /// <summary>The tenant uploaded it through <c>UploadMedia</c>.</summary>
    Upload,
}

public enum MediaState
{
    Pending,
    Stored,
    Unavailable,
    Deleted,
}

/// <summary>Meta's id for the bytes as uploaded from one number, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record MetaUpload(string PhoneNumberId, string MetaMediaId, DateTimeOffset ExpiresAt);

/// <summary>
/// One media file of a tenant (a document per tenant): what it is, which message it belongs to, and where it stands.
/// The bytes are in the media store under <see cref="StoreKey"/>, never here.
/// </summary>
public sealed record MediaItem(Guid Id, MediaOrigin Origin, string Type, string MimeType, DateTimeOffset CreatedAt)
{
    public MediaState State { get; init; }

    public Guid? ConversationId { get; init; }

    /// <summary>Inbound: the wamid of the customer's message.</summary>
    public string? Wamid { get; init; }

    /// <summary>Inbound: the business number that received it.</summary>
    public string? PhoneNumberId { get; init; }

    /// <summary>Inbound: Meta's media id from the webhook.</summary>
    public string? MetaMediaId { get; init; }

    /// <summary>Inbound: when Meta's id stops working (after that the bytes cannot be fetched any more).</summary>
    public DateTimeOffset? FetchableUntil { get; init; }

    /// <summary>Inbound: the SHA-256 the webhook announced (Meta's encoding).</summary>
    public string? AnnouncedSha256 { get; init; }

    public string? Caption { get; init; }

    public string? Filename { get; init; }

    public bool Voice { get; init; }

    public string? StoreKey { get; init; }

    public long? Size { get; init; }

    /// <summary>Lowercase hex of the stored bytes.</summary>
    public string? Sha256 { get; init; }

    public DateTimeOffset? StoredAt { get; init; }

    /// <summary>Why the bytes could not be kept (<see cref="MediaState.Unavailable"/>), a stable code.</summary>
    public string? Reason { get; init; }

    /// <summary>Meta's ids of these bytes per number, so that a file is uploaded once per number while its id lives.</summary>
    public IReadOnlyList<MetaUpload> MetaUploads { get; init; } = [];

    /// <summary>Meta's id of the bytes for the number while it is valid for at least <paramref name="margin"/> more.</summary>
    public string? MetaIdFor(string phoneNumberId, DateTimeOffset now, TimeSpan margin) =>
        MetaUploads.LastOrDefault(u => u.PhoneNumberId == phoneNumberId && u.ExpiresAt - margin > now)?.MetaMediaId;

    public static NotFoundException NotFound(string mediaId) => new("media", mediaId);
}

/// <summary>
/// PesanAI's ids of media: an inbound message's file has the id its wamid gives (Meta's wamids are unique; the
/// document is the tenant's), so that every view of the message can name it before it is fetched.
/// </summary>
public static class MediaIds
{
    public static Guid Inbound(string wamid) => NameBasedGuid.From($"pesanai:media:{wamid}");
}
