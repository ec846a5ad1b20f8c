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
        if (content?.Template?.Header is { Media.StoredMediaId: { } headerId } header)
        {
            // A template's header names the file among the request's fields: one the tenant does not have (another
            // tenant's, or none) is a bad argument of the request, not a missing resource.
            var field = $"content.template.header.{header.Format}.pesanai_media_id";
            var headerItem = await session.LoadAsync<MediaItem>(Guid.Parse(headerId), cancellationToken);
            if (headerItem is null or { State: MediaState.Deleted })
            {
                throw new ValidationException([new FieldViolation(field, $"no media '{headerId}' of this tenant")]);
            }

            Ensure(headerItem, header.Format, field);
            return;
        }

        if (content?.Media?.StoredMediaId is not { } id)
        {
            return;
        }

        var item = await session.LoadAsync<MediaItem>(Guid.Parse(id), cancellationToken);
        if (item is null or { State: MediaState.Deleted })
        {
            throw MediaItem.NotFound(id);
        }

        Ensure(item, content.Type, "content.media.pesanai_media_id");
    }

    private static void Ensure(MediaItem item, string type, string field)
    {
        switch (item.State)
        {
            case MediaState.Pending:
                throw new DomainException("MEDIA_PENDING", "The media is still being fetched from Meta; retry shortly.");
            case MediaState.Unavailable:
                throw new DomainException("MEDIA_UNAVAILABLE", $"The media could not be kept: {item.Reason}.");
        }

        if (!MediaLimits.Accepts(type, item.MimeType))
        {
            throw new ValidationException([new FieldViolation(
                field, $"the file is {item.MimeType}; a {type} must be one of {string.Join(", ", MediaLimits.MimeTypes(type))}")]);
        }

        if (item.Size > MediaLimits.MaxBytes(type))
        {
            throw new ValidationException([new FieldViolation(
                field, $"the file has {item.Size} bytes; a {type} may have {MediaLimits.MaxBytes(type)}")]);
        }
    }
}
