using JasperFx.Events;
using Marten;

namespace PesanAI.Application.Common;

/// <summary>
/// The one write path of a stream: fetch for writing (at an expected version), decide, append, save. A stale expected
/// version, or a writer that committed first, is ABORTED (<see cref="ConcurrencyConflictException"/>): read again and retry.
/// </summary>
public static class StreamWrite
{
    /// <summary>Decides on the stream as it is and saves; returns the state after the events, with its version.</summary>
    public static async Task<T?> UpdateAsync<T>(
        this IDocumentSession session, StreamKind<T> kind, Guid id, long? expectedVersion, Func<T?, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(decide);
        var stream = await session.FetchForWritingAsync(kind, id, expectedVersion, cancellationToken);
        return await session.CommitAsync(kind, stream, decide(stream.Aggregate), cancellationToken);
    }

    /// <summary>The stream, ready to append to; <see cref="StreamKind{T}.Missing"/> when it does not exist, ABORTED at another version.</summary>
    public static async Task<IEventStream<T>> FetchForWritingAsync<T>(
        this IDocumentSession session, StreamKind<T> kind, Guid id, long? expectedVersion, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        var stream = await session.Events.FetchForWriting<T>(id, cancellationToken);
        if (stream.Aggregate is null && kind.Missing is { } missing)
        {
            throw missing(id);
        }

        if (expectedVersion is { } expected && expected != stream.StartingVersion)
        {
            throw new ConcurrencyConflictException($"The {kind.Name} is at version {stream.StartingVersion}, not {expected}; read it again and retry.");
        }

        return stream;
    }

    /// <summary>Appends the decided events and saves; returns the state after them (the same state when nothing was decided).</summary>
    public static async Task<T?> CommitAsync<T>(
        this IDocumentSession session, StreamKind<T> kind, IEventStream<T> stream, IReadOnlyList<object> events, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 && !kind.SavesWhenNothingDecided)
        {
            return stream.Aggregate;
        }

        stream.AppendMany(events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (LostRace.Is(ex))
        {
            throw new ConcurrencyConflictException($"The {kind.Name} was changed concurrently; read it again and retry.", ex);
        }

        return events.Count == 0 || kind.Fold(stream.Aggregate, events) is not { } after
            ? stream.Aggregate
            : kind.AtVersion(after, stream.CurrentVersion ?? 0);
    }
}
