using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>A tenant's knowledge base on the one write path (<see cref="StreamWrite"/>): decided on null before its first entry.</summary>
internal static class KnowledgeStream
{
    public static StreamKind<KnowledgeBase> Kind { get; } = new(
        "knowledge base",
        (state, e) => state is null ? KnowledgeBase.Start((IKnowledgeEvent)e) : state.Evolve(e),
        (state, version) => state with { Version = version });

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
        var stream = await session.FetchForWritingAsync(Kind, KnowledgeBase.StreamIdOf(tenantId), expectedVersion, cancellationToken);
        var before = stream.Aggregate;
        var events = decide(before);
        return (before, await session.CommitAsync(Kind, stream, events, cancellationToken), events);
    }

    public static async Task<KnowledgeBase?> Load(IQuerySession session, Guid tenantId, CancellationToken cancellationToken) =>
        await session.LoadAsync<KnowledgeBase>(KnowledgeBase.StreamIdOf(tenantId), cancellationToken);
}
