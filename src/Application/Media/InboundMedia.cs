using PesanAI.Domain.Conversations;
using PesanAI.Domain.Media;

namespace PesanAI.Application.Media;

/// <summary>The description of a customer's file as its message arrives: pending until the fetch stores it.</summary>
public static class InboundMedia
{
    /// <summary>Meta keeps the media id of an inbound message for about 7 days; the bytes can be fetched until then.</summary>
    public static readonly TimeSpan MetaIdLifetime = TimeSpan.FromDays(7);

    /// <summary>The pending item for a message that carries media, or null.</summary>
    public static MediaItem? Of(Guid conversationId, string phoneNumberId, InboundMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Content.Media is not { MediaId.Length: > 0 } media || !MediaLimits.IsMediaType(message.Content.Type))
        {
            return null;
        }

        return new MediaItem(MediaIds.Inbound(message.Wamid), MediaOrigin.Inbound, message.Content.Type, media.MimeType, now)
        {
            State = MediaState.Pending,
            ConversationId = conversationId,
            Wamid = message.Wamid,
            PhoneNumberId = phoneNumberId,
            MetaMediaId = media.MediaId,
            FetchableUntil = now + MetaIdLifetime,
            AnnouncedSha256 = media.Sha256,
            Caption = media.Caption,
            Filename = media.Filename,
            Voice = media.Voice,
        };
    }
}
