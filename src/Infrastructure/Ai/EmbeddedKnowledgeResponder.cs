using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using PesanAI.Application.Knowledge;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// The embedded responder: retrieval over the tenant's knowledge base in an in-memory Lucene index
/// (<see cref="KnowledgeIndex"/>), decided by <see cref="ReplyDecider"/>. No network, no model.
/// </summary>
/// <remarks>
/// Each node keeps one index per tenant, built from the KnowledgeBase snapshot at one stream version. Every decision
/// first reads the stream's version (one indexed row): when another node (or this one) changed the knowledge base
/// since, the index is rebuilt before deciding, once per tenant however many messages wait for it. Indexes of
/// tenants idle for <see cref="IdleTime"/> are dropped, and the cache is bounded by entries held.
/// </remarks>
public sealed class EmbeddedKnowledgeResponder(IDocumentStore store) : IKnowledgeResponder, IKnowledgeRetriever, IDisposable
{
    /// <summary>An index not used for this long is dropped (rebuilt on the next message: milliseconds for a thousand entries).</summary>
    public static readonly TimeSpan IdleTime = TimeSpan.FromMinutes(30);

    /// <summary>The most entries the cached indexes of all tenants hold together.</summary>
    public const long MaxCachedEntries = 500_000;

    private readonly MemoryCache _indexes = new(new MemoryCacheOptions { SizeLimit = MaxCachedEntries });
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _builds = new();

    public async ValueTask<KnowledgeReply> DecideAsync(Guid tenantId, string text, ReplyPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(policy);
        var index = await IndexOf(tenantId, cancellationToken);
        var found = index.Search(text);
        var decision = ReplyDecider.Decide(text, found, policy, index.Count);
        var reply = decision.Kind == ReplyKind.Reply ? index.Find(decision.EntryIds[0])?.Answer : null;
        var candidates = ReplyDecider.Rank(found)
            .Take(KnowledgeReply.ConsideredCandidates)
            .Select(c => index.Find(c.EntryId) is { } entry ? new ConsideredCandidate(c.EntryId, entry.Question, ReplyDecider.Strength(c), c.Score, c.Coverage) : null)
            .OfType<ConsideredCandidate>()
            .ToList();
        return (reply is null && decision.Kind == ReplyKind.Reply
            ? new KnowledgeReply(ReplyDecision.HandOff(ReplyReasons.NoMatch), null, index.Version)
            : new KnowledgeReply(decision, reply, index.Version)) with { Candidates = candidates };
    }

    public async ValueTask<KnowledgeRetrieval> RetrieveAsync(Guid tenantId, string text, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (await IndexOf(tenantId, cancellationToken)).Retrieve(text, count);
    }

    public void Dispose()
    {
        _indexes.Dispose();
        foreach (var gate in _builds.Values)
        {
            gate.Dispose();
        }
    }

    private async Task<KnowledgeIndex> IndexOf(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession(tenantId.ToString());
        var streamId = KnowledgeBase.StreamIdOf(tenantId);
        var state = await session.Events.FetchStreamStateAsync(streamId, cancellationToken);
        var version = state?.Version ?? 0;
        if (Current(tenantId, version) is { } current)
        {
            return current;
        }

        var gate = _builds.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Current(tenantId, version) is { } built)
            {
                return built;
            }

            var knowledge = await session.LoadAsync<KnowledgeBase>(streamId, cancellationToken);

            // Not disposed when replaced: searches may still run on it; it holds only managed memory.
            var index = KnowledgeIndex.Build(knowledge?.Entries ?? [], knowledge?.Version ?? 0);
            _indexes.Set(tenantId, index, new MemoryCacheEntryOptions { SlidingExpiration = IdleTime, Size = index.Count + 1 });
            return index;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The cached index when it reflects at least <paramref name="version"/> (a newer one, built meanwhile, is fine).</summary>
    private KnowledgeIndex? Current(Guid tenantId, long version) =>
        _indexes.TryGetValue(tenantId, out KnowledgeIndex? index) && index!.Version >= version ? index : null;
}
