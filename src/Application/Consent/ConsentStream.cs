using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

/// <summary>A customer's consent ledger on the one write path (<see cref="StreamWrite"/>): decided on null before its first statement.</summary>
internal static class ConsentStream
{
    /// <summary>
    /// Saves also when nothing is decided (the session may hold new customer links). A writer that got there
    /// first (the same customer's first message, a concurrent statement) makes this one ABORTED: read and retry.
    /// </summary>
    public static StreamKind<ConsentRecord> Kind { get; } = new(
        "consent record",
        (state, e) => state is null ? ConsentRecord.Start((IConsentEvent)e) : state.Evolve(e),
        (state, version) => state with { Version = version })
    {
        SavesWhenNothingDecided = true,
    };

    public static Task<ConsentRecord?> Update(
        IDocumentSession session,
        Guid customerId,
        long? expectedVersion,
        Func<ConsentRecord?, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken) =>
        session.UpdateAsync(Kind, customerId, expectedVersion, decide, cancellationToken);
}
