namespace PesanAI.Application.Common;

/// <summary>
/// Port: what a failure of the event store means, read from the database's own error codes and exception types (which
/// stay in Infrastructure). Each answer covers the exception and what it wraps.
/// </summary>
public interface IStoreFailureClassifier
{
    /// <summary>
    /// Whether the write lost a race to another writer: a stream version, a new stream, a document or a key row that
    /// another transaction committed first. Nothing of the loser was committed, so deciding again on a fresh read is
    /// safe. A stale expected version is not a race (reading again gives the same answer).
    /// </summary>
    bool IsLostRace(Exception exception);

    /// <summary>
    /// Whether the store failed in a way a retry may fix (out of reach, timed out, a serialization failure or a
    /// deadlock); a statement the database refused is permanent.
    /// </summary>
    bool IsTransient(Exception exception);

    /// <summary>Why, without the exception's text (the database's messages can quote the data): an error code or the type.</summary>
    string Reason(Exception exception);
}
