using Marten;

namespace PesanAI.Application.Media;

/// <summary>A fetch that is due: which tenant's media, and how many times it was tried before.</summary>
public sealed record MediaFetchJob(Guid TenantId, Guid MediaId, int Attempts);

/// <summary>
/// Port: the durable list of inbound media still to fetch. Scheduling and completing are queued on the caller's
/// session, so that they commit with the document and events they go with.
/// </summary>
public interface IMediaFetchQueue
{
    /// <summary>Adds the fetch unless it is already listed.</summary>
    void Schedule(IDocumentOperations session, Guid tenantId, Guid mediaId, DateTimeOffset dueAt);

    void Complete(IDocumentOperations session, Guid mediaId);

    /// <summary>Counts the attempt and sets the next try.</summary>
    Task RetryAsync(Guid mediaId, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken);

    /// <summary>Fetches due now, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<MediaFetchJob>> DueAsync(int limit, CancellationToken cancellationToken);
}
