using JasperFx;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>The write loop for a tenant's knowledge base: fetch for writing, decide, append, save.</summary>
internal static class KnowledgeStream
{
    /// <summary>
    /// Decides on the knowledge base as it is (null: no entries yet) and saves what was decided. A stale
    /// <paramref name="expectedVersion"/>, or a writer that got there first, is ABORTED: read again and retry.
    /// Returns the state after the events (the same state when nothing was decided).
    /// </summary>
    public static async Task<(KnowledgeBase? Before, KnowledgeBase? After, IReadOnlyList<object> Events)> Update(
        IDocumentSession session,
        Guid tenantId,
        long? expectedVersion,
        Func<KnowledgeBase?, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken)
    {
        var streamId = KnowledgeBase.StreamIdOf(tenantId);
        var stream = await session.Events.FetchForWriting<KnowledgeBase>(streamId, cancellationToken);
        if (expectedVersion is { } expected && expected != stream.StartingVersion)
        {
            throw new ConcurrencyConflictException($"The knowledge base is at version {stream.StartingVersion}, not {expected}; read it again and retry.");
        }

        var before = stream.Aggregate;
        var events = decide(before);
        if (events.Count == 0)
        {
            return (before, before, events);
        }

        stream.AppendMany(events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsRace(ex))
        {
            throw new ConcurrencyConflictException("The knowledge base was changed concurrently; read it again and retry.", ex);
        }

        var after = events.Aggregate(before, (state, e) => state is null ? KnowledgeBase.Start((IKnowledgeEvent)e) : state.Evolve(e))!;
        return (before, after with { Version = stream.CurrentVersion ?? 0 }, events);
    }

    public static async Task<KnowledgeBase?> Load(IQuerySession session, Guid tenantId, CancellationToken cancellationToken) =>
        await session.LoadAsync<KnowledgeBase>(KnowledgeBase.StreamIdOf(tenantId), cancellationToken);

    private static bool IsRace(Exception ex) =>
        ex is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
        || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}
