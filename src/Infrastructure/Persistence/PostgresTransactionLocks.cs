using Marten;
using Marten.Services.BatchQuerying;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>PostgreSQL's transaction-scoped advisory locks (pg_advisory_xact_lock), released by the commit.</summary>
public sealed class PostgresTransactionLocks : ITransactionLocks
{
    // Many keys in one statement, one round trip, taken in the order given (callers sort them, so that two
    // transactions never wait on each other crosswise).
    private const string TakeAllSql = "select count(*)::text from (select pg_advisory_xact_lock(k) from unnest(?::bigint[]) as k) as locked";

    public Task TakeAsync(IDocumentSession session, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?)", cancellationToken, key);
    }

    public void TakeAll(IBatchedQuery batch, long[] keys)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _ = batch.Query<string>(TakeAllSql, keys);
    }
}
