using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Audit;

namespace PesanAI.Application.Audit;

/// <summary>
/// Appends a <see cref="DataAccessed"/> event, attributed to the caller, to the tenant's access stream and
/// commits it. Every read of a tenant appends to that one stream, and two appends that start together would
/// both claim the same stream version and one read would fail: appends to an access stream take turns,
/// under a transaction-scoped advisory lock on the stream, released by the commit.
/// </summary>
public sealed class DataAccessRecorder(IDocumentStore store, ICurrentActor actor, TimeProvider clock, ITransactionLocks locks)
{
    public async Task RecordAsync(DataAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var stream = AccessStream.For(access.TenantId);
        await using var session = store.LightweightSession(access.TenantId.ToString());
        ActorStamp.Apply(session, actor);
        await session.BeginTransactionAsync(cancellationToken);
        await locks.TakeAsync(session, LockKey(stream), cancellationToken);
        session.Events.Append(stream, new DataAccessed(
            access.TenantId,
            actor.CredentialId,
            actor.MemberId,
            actor.Role?.ToString().ToLowerInvariant(),
            actor.Operation,
            access.ResourceType,
            access.ResourceIds,
            actor.Purpose,
            actor.ClientAddress,
            clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
    }

    private static long LockKey(Guid stream) => BitConverter.ToInt64(stream.ToByteArray(), 0);
}
