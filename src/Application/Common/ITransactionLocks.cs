using Marten;
using Marten.Services.BatchQuerying;

namespace PesanAI.Application.Common;

/// <summary>
/// Port: locks held by a session's transaction and released by its commit or rollback, so that writers that would
/// otherwise race take turns. The caller begins the session's transaction first and chooses the keys (64-bit numbers
/// from its own key space, so that two uses never share a key).
/// </summary>
public interface ITransactionLocks
{
    /// <summary>Waits for the lock on <paramref name="key"/> (one round trip).</summary>
    Task TakeAsync(IDocumentSession session, long key, CancellationToken cancellationToken);

    /// <summary>
    /// Adds to <paramref name="batch"/> one statement that waits for the locks on all <paramref name="keys"/>, in
    /// their order (sort them, so that two transactions never wait on each other crosswise).
    /// </summary>
    void TakeAll(IBatchedQuery batch, long[] keys);
}
