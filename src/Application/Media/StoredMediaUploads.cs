using Marten;
using PesanAI.Application.Common;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Media;

/// <summary>
/// Turns a send of a stored file into a send by Meta's id: the file is uploaded to Meta once per number
/// (<c>POST /{phone-number-id}/media</c>) and Meta's id kept on the file while it lives (30 days; reused until a day
/// before). An upload is not a message: repeating one after a failure costs nothing but an id, so a failed upload is a
/// send that provably did not reach the customer.
/// </summary>
public sealed class StoredMediaUploads(IDocumentStore store, IMediaStore media, IWhatsAppMedia meta, TimeProvider clock)
{
    public static readonly TimeSpan MetaIdLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan ReuseMargin = TimeSpan.FromDays(1);

    /// <summary>The message as Meta takes it (by Meta's id), or the outcome that ends this attempt.</summary>
    public async Task<(MessageQueued? Ready, SendOutcome? Failed)> PrepareAsync(
        Guid tenantId, MessageQueued queued, SenderAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queued);
        ArgumentNullException.ThrowIfNull(account);
        var send = queued.Content.Media ?? queued.Content.Template?.Header?.Media;
        if (send is not { StoredMediaId: { } stored })
        {
            return (queued, null);
        }

        await using var session = store.LightweightSession(tenantId.ToString());
        var item = await session.LoadAsync<MediaItem>(Guid.Parse(stored), cancellationToken);
        if (item is not { State: MediaState.Stored, StoreKey: { } key })
        {
            return (null, new SendOutcome.Refused(new MessageError(0, "MEDIA_NOT_STORED", "The stored media was deleted before the message was sent.")));
        }

        var now = clock.GetUtcNow();
        var metaId = item.MetaIdFor(account.PhoneNumberId, now, ReuseMargin);
        if (metaId is null)
        {
            try
            {
                await using var bytes = await media.OpenReadAsync(tenantId, key, cancellationToken);
                metaId = await meta.UploadAsync(account, bytes, item.MimeType, item.Filename, cancellationToken);
            }
            catch (MediaMissingException)
            {
                return (null, new SendOutcome.Refused(new MessageError(0, "MEDIA_NOT_STORED", "The stored media's bytes are gone.")));
            }
            catch (GraphApiException ex)
            {
                return (null, new SendOutcome.Refused(ex.Error));
            }
            catch (UnavailableException)
            {
                return (null, new SendOutcome.NotReached(new MessageError(0, "MEDIA_UPLOAD_FAILED", "Meta's media upload could not be reached."), TimeSpan.FromSeconds(5)));
            }

            session.Store(item with { MetaUploads = [.. item.MetaUploads.Where(u => u.PhoneNumberId != account.PhoneNumberId), new MetaUpload(account.PhoneNumberId, metaId, now + MetaIdLifetime)] });
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (LostRace.Is(ex))
            {
                // Another send of the file (or a delete) changed it meanwhile: Meta's id is good for this send all the
                // same; only remembering it is skipped. Failing here would leave the attempt without an outcome.
            }
        }

        var byMetaId = send with { MediaId = metaId, StoredMediaId = null };
        return (queued with
        {
            Content = queued.Content.Media is not null
                ? queued.Content with { Media = byMetaId }
                : queued.Content with { Template = queued.Content.Template! with { Header = queued.Content.Template.Header! with { Media = byMetaId } } },
        }, null);
    }
}
