using JasperFx;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

/// <summary>The write loop for a customer's consent ledger: fetch for writing, decide, append, save.</summary>
internal static class ConsentStream
{
    /// <summary>
    /// Saves also when nothing is decided (the session may hold new customer links). A writer that got there
    /// first (the same customer's first message, a concurrent statement) makes this one ABORTED: read and retry.
    /// </summary>
    public static async Task<ConsentRecord?> Update(
        IDocumentSession session,
        Guid customerId,
        long? expectedVersion,
        Func<ConsentRecord?, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ConsentRecord>(customerId, cancellationToken);
        if (expectedVersion is { } expected && expected != stream.StartingVersion)
        {
            throw new ConcurrencyConflictException($"The consent record is at version {stream.StartingVersion}, not {expected}; read it again and retry.");
        }

        var record = stream.Aggregate;
        var events = decide(record);
        stream.AppendMany(events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsRace(ex))
        {
            throw new ConcurrencyConflictException("The customer's consent was changed concurrently; read it again and retry.", ex);
        }

        if (events.Count == 0)
        {
            return record;
        }

        var next = events.Aggregate(record, (state, e) => state is null ? ConsentRecord.Start((IConsentEvent)e) : state.Evolve(e))!;
        return next with { Version = stream.CurrentVersion ?? 0 };
    }

    private static bool IsRace(Exception ex) =>
        ex is ConcurrencyException or DocumentAlreadyExistsException or Marten.Exceptions.ExistingStreamIdCollisionException
        || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}
