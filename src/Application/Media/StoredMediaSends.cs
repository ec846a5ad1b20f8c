using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;
using PesanAI.Domain.Media;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Media;

/// <summary>The checks a send of a stored file passes before it is queued: the tenant has it, stored, and it fits the type.</summary>
public static class StoredMediaSends
{
    public static async Task EnsureSendableAsync(IQuerySession session, OutboundContent? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (content?.Media?.StoredMediaId is not { } id)
        {
            return;
        }

        var item = await session.LoadAsync<MediaItem>(Guid.Parse(id), cancellationToken);
        switch (item?.State)
        {
            case null or MediaState.Deleted:
                throw MediaItem.NotFound(id);
            case MediaState.Pending:
                throw new DomainException("MEDIA_PENDING", "The media is still being fetched from Meta; retry shortly.");
            case MediaState.Unavailable:
                throw new DomainException("MEDIA_UNAVAILABLE", $"The media could not be kept: {item.Reason}.");
        }

        if (!MediaLimits.Accepts(content.Type, item.MimeType))
        {
            throw new ValidationException([new FieldViolation(
                "content.media.pesanai_media_id", $"the file is {item.MimeType}; a {content.Type} must be one of {string.Join(", ", MediaLimits.MimeTypes(content.Type))}")]);
        }

        if (item.Size > MediaLimits.MaxBytes(content.Type))
        {
            throw new ValidationException([new FieldViolation(
                "content.media.pesanai_media_id", $"the file has {item.Size} bytes; a {content.Type} may have {MediaLimits.MaxBytes(content.Type)}")]);
        }
    }
}
