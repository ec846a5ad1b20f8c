namespace PesanAI.Application.Common;

/// <summary>
/// Port: a lease on a key, held across calls (not tied to a transaction) until the returned handle is disposed or the
/// process that holds it dies, so that a holder that is gone never keeps others out.
/// </summary>
public interface ILeases
{
    /// <summary>The lease on <paramref name="key"/>, or null at once when another holder has it.</summary>
    Task<IAsyncDisposable?> TryTakeAsync(long key, CancellationToken cancellationToken);
}
