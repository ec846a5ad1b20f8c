using Marten;
using Marten.Services.BatchQuerying;

namespace PesanAI.Application.Common;

/// <summary>
/// Documents of a tenant by their ids, one <c>Load</c> per id in one batch (one round trip): each statement names the
/// whole primary key (tenant, id), which PostgreSQL always probes by index.
/// <para>
/// Not Marten's <c>LoadMany(...)</c>: it sends <c>id = ANY($1) and tenant_id = $2</c>, which PostgreSQL planned, on a
/// table that had grown since it was last analyzed, as a scan of all the tenant's rows with the ids as a filter
/// (40–60 ms per batched webhook's key lookup in the ingest benchmark, 2026-11-25, instead of well under 1 ms).
/// </para>
/// </summary>
public static class LoadEach
{
    /// <summary>Adds the loads to a batch; the task completes when the batch has run, with the documents found.</summary>
    public static Task<IReadOnlyList<T>> LoadEachOf<T>(this IBatchedQuery reads, IEnumerable<string> ids)
        where T : class =>
        Found([.. ids.Distinct(StringComparer.Ordinal).Select(id => reads.Load<T>(id))]);

    /// <inheritdoc cref="LoadEachOf{T}(IBatchedQuery, IEnumerable{string})"/>
    public static Task<IReadOnlyList<T>> LoadEachOf<T>(this IBatchedQuery reads, IEnumerable<Guid> ids)
        where T : class =>
        Found([.. ids.Distinct().Select(id => reads.Load<T>(id))]);

    /// <summary>The documents found among <paramref name="ids"/>, in one round trip (none for no ids).</summary>
    public static Task<IReadOnlyList<T>> LoadEachAsync<T>(this IQuerySession session, IEnumerable<string> ids, CancellationToken cancellationToken)
        where T : class =>
        RunAsync(session, ids.ToList(), (reads, list) => reads.LoadEachOf<T>(list), cancellationToken);

    /// <inheritdoc cref="LoadEachAsync{T}(IQuerySession, IEnumerable{string}, CancellationToken)"/>
    public static Task<IReadOnlyList<T>> LoadEachAsync<T>(this IQuerySession session, IEnumerable<Guid> ids, CancellationToken cancellationToken)
        where T : class =>
        RunAsync(session, ids.ToList(), (reads, list) => reads.LoadEachOf<T>(list), cancellationToken);

    private static async Task<IReadOnlyList<T>> RunAsync<T, TId>(
        IQuerySession session, List<TId> ids, Func<IBatchedQuery, List<TId>, Task<IReadOnlyList<T>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (ids.Count == 0)
        {
            return [];
        }

        var reads = session.CreateBatchQuery();
        var found = load(reads, ids);
        await reads.Execute(cancellationToken);
        return await found;
    }

    private static async Task<IReadOnlyList<T>> Found<T>(List<Task<T?>> loads)
        where T : class =>
        [.. (await Task.WhenAll(loads)).OfType<T>()];
}
