using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Media;

namespace PesanAI.Application.Media;

/// <summary>
/// Stores a file the tenant will send: its type, MIME type and size are checked against Meta's table before a byte
/// is stored (a declared size over the limit is refused at once; bytes beyond the limit stop the upload); returns
/// PesanAI's media id.
/// </summary>
public sealed record UploadMedia(string Type, string MimeType, string? Filename, long DeclaredSize, Stream Content) : ICommand<MediaItem>, IValidatable
{
    public const int FilenameMax = 240;

    public IEnumerable<FieldViolation> Validate()
    {
        if (!MediaLimits.IsMediaType(Type))
        {
            yield return new FieldViolation("metadata.type", "must be one of image, audio, video, document, sticker");
            yield break;
        }

        if (!MediaLimits.Accepts(Type, MimeType ?? string.Empty))
        {
            yield return new FieldViolation("metadata.mime_type", $"WhatsApp does not take '{MimeType}' for {Type}: one of {string.Join(", ", MediaLimits.MimeTypes(Type))}");
        }

        if (DeclaredSize < 0 || DeclaredSize > MediaLimits.MaxBytes(Type))
        {
            yield return new FieldViolation("metadata.size", $"a {Type} may have at most {MediaLimits.MaxBytes(Type)} bytes");
        }

        foreach (var v in Check.MaxLength("metadata.filename", Filename, FilenameMax))
        {
            yield return v;
        }
    }
}

/// <summary>Deletes a media file's bytes (its description stays, marked deleted); the hook retention and erasure build on.</summary>
public sealed record DeleteMedia(string MediaId) : ICommand, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("media_id", MediaId);
}

public sealed class MediaCommandHandlers(IDocumentSession session, IMediaStore store, ICurrentActor actor, TimeProvider clock)
    : ICommandHandler<UploadMedia, MediaItem>, ICommandHandler<DeleteMedia>
{
    public async ValueTask<MediaItem> Handle(UploadMedia command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        StoredMedia stored;
        try
        {
            stored = await store.PutAsync(
                tenantId,
                command.Content,
                new MediaExpectation(MediaLimits.MaxBytes(command.Type), command.DeclaredSize > 0 ? command.DeclaredSize : null),
                cancellationToken);
        }
        catch (MediaRejectedException ex)
        {
            throw new ValidationException([new FieldViolation(
                ex.Reason == MediaRejection.TooLarge ? "chunk" : "metadata.size",
                ex.Reason == MediaRejection.TooLarge ? $"the file is over the {MediaLimits.MaxBytes(command.Type)} bytes a {command.Type} may have" : ex.Message)]);
        }

        if (stored.Size == 0)
        {
            await store.DeleteAsync(tenantId, stored.Key, CancellationToken.None);
            throw new ValidationException([new FieldViolation("chunk", "the file is empty: send its bytes after the metadata")]);
        }

        var now = clock.GetUtcNow();
        var item = new MediaItem(Guid.CreateVersion7(now), MediaOrigin.Upload, command.Type, MediaLimits.Essence(command.MimeType), now)
        {
            State = MediaState.Stored,
            Filename = string.IsNullOrEmpty(command.Filename) ? null : command.Filename,
            StoreKey = stored.Key,
            Size = stored.Size,
            Sha256 = stored.Sha256,
            StoredAt = now,
        };
        session.Store(item);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await store.DeleteAsync(tenantId, stored.Key, CancellationToken.None);
            throw;
        }

        return item;
    }

    public async ValueTask<Unit> Handle(DeleteMedia command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var item = await session.LoadAsync<MediaItem>(Guid.Parse(command.MediaId), cancellationToken);
        if (item is null or { State: MediaState.Deleted })
        {
            throw MediaItem.NotFound(command.MediaId);
        }

        await MediaDeletion.DeleteAsync(session, store, tenantId, item, clock.GetUtcNow(), cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
