using Marten;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Media;

/// <summary>
/// The one way a media file's bytes are deleted (by the tenant's DeleteMedia, by retention): bytes first, then the
/// description marked deleted and, for a conversation's file, MediaDeleted on its stream, saved by the caller.
/// </summary>
public static class MediaDeletion
{
    public static async Task DeleteAsync(IDocumentSession session, IMediaStore store, Guid tenantId, MediaItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(item);
        if (item.StoreKey is { } key)
        {
            // Bytes first: a crash after this leaves a description that says stored over nothing, which reads as
            // MEDIA_UNAVAILABLE and is deleted again; the other order could leave bytes no one can find.
            await store.DeleteAsync(tenantId, key, cancellationToken);
        }

        session.Store(item with { State = MediaState.Deleted, StoreKey = null, MetaUploads = [] });
        if (item.ConversationId is { } conversationId)
        {
            session.Events.Append(conversationId, new MediaDeleted(conversationId, item.Id, now));
        }
    }
}
