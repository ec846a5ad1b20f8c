using Marten;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Media;

namespace PesanAI.Application.Privacy;

/// <summary>
/// A file's bytes an erasure must still delete from the media store: written in the erasure's transaction, deleted
/// once the store confirms. Platform data (the store key is PesanAI's random name, no personal data), so a sweep
/// after a crash finds every tenant's.
/// </summary>
public sealed record PendingMediaErasure(Guid Id, Guid TenantId, string StoreKey, DateTimeOffset ScheduledAt);

/// <summary>The bytes that erasures leave to delete after their commit (the media store is not in the transaction).</summary>
public sealed partial class MediaErasures(IDocumentStore store, IMediaStore media, TimeProvider clock, ILogger<MediaErasures> logger)
{
    public void Schedule(IDocumentSession session, Guid tenantId, string storeKey)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Store(new PendingMediaErasure(Guid.CreateVersion7(), tenantId, storeKey, clock.GetUtcNow()));
    }

    /// <summary>Deletes the pending bytes of one tenant, or of every tenant (the sweep); returns how many are left.</summary>
    public async Task<int> RunAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var pending = await session.Query<PendingMediaErasure>()
            .Where(p => tenantId == null || p.TenantId == tenantId)
            .OrderBy(p => p.ScheduledAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var left = 0;
        foreach (var erasure in pending)
        {
            try
            {
                await media.DeleteAsync(erasure.TenantId, erasure.StoreKey, cancellationToken);
                session.Delete(erasure);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                left++;
                LogFailed(ex, erasure.Id);
            }
        }

        await session.SaveChangesAsync(cancellationToken);
        return left;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erased media {PendingId} could not be deleted from the store yet; the sweep tries again.")]
    private partial void LogFailed(Exception exception, Guid pendingId);
}
