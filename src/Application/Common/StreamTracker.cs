using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;

namespace PesanAI.Application.Common;

/// <summary>
/// Several streams of one kind written in one transaction (the ingest's conversations, its consent ledgers): each is
/// fetched for writing once and its state follows the events appended to it, so a later decision in the same batch
/// sees the earlier ones. The caller saves, with whatever else the transaction holds.
/// </summary>
public sealed class StreamTracker<T>(StreamKind<T> kind)
    where T : class
{
    private readonly Dictionary<Guid, Task<IEventStream<T>>> _fetches = [];
    private readonly Dictionary<Guid, TrackedStream<T>> _tracked = [];

    /// <summary>Adds the fetches to a batch of reads; <see cref="FetchAsync"/> takes them after the batch ran.</summary>
    public void Prefetch(IBatchedQuery reads, IEnumerable<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(reads);
        foreach (var id in ids.Distinct().Where(id => !_fetches.ContainsKey(id)))
        {
            _fetches[id] = reads.Events.FetchForWriting<T>(id);
        }
    }

    /// <summary>Tracks the streams <paramref name="ids"/>: prefetched ones as read, the others fetched in one more round trip.</summary>
    public async Task FetchAsync(IDocumentSession session, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var wanted = ids.Distinct().Where(id => !_tracked.ContainsKey(id)).ToList();
        var missing = wanted.Where(id => !_fetches.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var reads = session.CreateBatchQuery();
            Prefetch(reads, missing);
            await reads.Execute(cancellationToken);
        }

        foreach (var id in wanted)
        {
            _tracked[id] = new TrackedStream<T>(kind, await _fetches[id]);
        }
    }

    /// <summary>The tracked stream, fetched first (on its own) if it is neither tracked nor prefetched.</summary>
    public async Task<TrackedStream<T>> GetAsync(IDocumentSession session, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_tracked.TryGetValue(id, out var tracked))
        {
            var stream = _fetches.TryGetValue(id, out var fetch) ? await fetch : await session.Events.FetchForWriting<T>(id, cancellationToken);
            tracked = new TrackedStream<T>(kind, stream);
            _tracked[id] = tracked;
        }

        return tracked;
    }

    /// <summary>A stream tracked by <see cref="FetchAsync"/>.</summary>
    public TrackedStream<T> Get(Guid id) => _tracked[id];
}

/// <summary>A stream fetched for writing whose <see cref="State"/> follows what is appended to it (saved by the caller).</summary>
public sealed class TrackedStream<T>(StreamKind<T> kind, IEventStream<T> stream)
    where T : class
{
    public Guid Id => stream.Id;

    public T? State { get; private set; } = stream.Aggregate;

    /// <summary>Appends the events (none: nothing); returns whether there were any.</summary>
    public bool Append(IReadOnlyList<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return false;
        }

        stream.AppendMany(events);
        State = kind.Fold(State, events);
        return true;
    }
}
