using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Domain.Common;

namespace PesanAI.Application.Media;

/// <summary>A media file's description and its bytes, open for streaming (the caller disposes the stream).</summary>
public sealed record MediaDownload(Guid TenantId, MediaItem Item, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

public sealed record MediaList(Guid TenantId, Guid ConversationId, IReadOnlyList<MediaItem> Items);

/// <summary>
/// One media file of the tenant, bytes and all: a read of personal data. Another tenant's id is not found; a file
/// still being fetched is MEDIA_PENDING and one that could not be kept MEDIA_UNAVAILABLE (FAILED_PRECONDITION).
/// </summary>
public sealed record GetMedia(string MediaId) : IQuery<MediaDownload>, IValidatable, IPersonalDataRead<MediaDownload>
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("media_id", MediaId);

    public DataAccess DescribeAccess(MediaDownload result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "media", [result.Item.Id.ToString()]);
    }
}

/// <summary>The media files of one conversation (descriptions, not bytes), oldest first: what retention and export work through.</summary>
public sealed record ListMedia(string ConversationId) : IQuery<MediaList>, IValidatable, IPersonalDataRead<MediaList>
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId);

    public DataAccess DescribeAccess(MediaList result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "media", [result.ConversationId.ToString(), .. result.Items.Select(i => i.Id.ToString())]);
    }
}

public sealed class MediaQueryHandlers(IQuerySession session, IMediaStore store, ICurrentActor actor)
    : IQueryHandler<GetMedia, MediaDownload>, IQueryHandler<ListMedia, MediaList>
{
    public async ValueTask<MediaDownload> Handle(GetMedia query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        var item = await session.LoadAsync<MediaItem>(Guid.Parse(query.MediaId), cancellationToken);
        return item?.State switch
        {
            null or MediaState.Deleted => throw MediaItem.NotFound(query.MediaId),
            MediaState.Pending => throw new DomainException("MEDIA_PENDING", "The media is still being fetched from Meta; retry shortly."),
            MediaState.Unavailable => throw new DomainException("MEDIA_UNAVAILABLE", $"The media could not be kept: {item.Reason}."),
            _ => new MediaDownload(tenantId, item, await OpenAsync(tenantId, item, cancellationToken)),
        };
    }

    public async ValueTask<MediaList> Handle(ListMedia query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        var conversationId = Guid.Parse(query.ConversationId);
        if (await session.LoadAsync<Domain.Conversations.Conversation>(conversationId, cancellationToken) is null)
        {
            throw ConversationStream.NotFound(conversationId);
        }

        var items = await session.Query<MediaItem>()
            .Where(i => i.ConversationId == conversationId && i.State != MediaState.Deleted)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
        return new MediaList(tenantId, conversationId, items);
    }

    private async Task<Stream> OpenAsync(Guid tenantId, MediaItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await store.OpenReadAsync(tenantId, item.StoreKey!, cancellationToken);
        }
        catch (MediaMissingException ex)
        {
            throw new DomainException("MEDIA_UNAVAILABLE", "The media's bytes are no longer in the store.", innerException: ex);
        }
    }
}
