using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.Consent;

/// <summary>
/// Pure decisions over a <see cref="ConsentRecord"/>: (state, statement, now) -> events. A null state means the customer
/// has no ledger yet (never opted in, never opted out). A statement that changes no purpose's status records
/// nothing: repeating an opt-in, or an opt-out the customer already gave, is idempotent, and so is a statement
/// older than the one that decides the purpose now (<see cref="ConsentRecord.Supersedes"/>).
/// </summary>
public static class ConsentDecider
{
    public static IReadOnlyList<object> OptIn(
        ConsentRecord? state,
        Guid customerId,
        CustomerIdentity customer,
        ConsentPurpose purpose,
        ConsentSource source,
        string? evidence,
        DateTimeOffset collectedAt,
        DateTimeOffset now)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new DomainException("PURPOSE_UNKNOWN", "An opt-in names a purpose: marketing, utility or automation.");
        }

        Ensure(customer, source, evidence, required: true, collectedAt, now);
        return Changes(state, [purpose], ConsentStatus.OptedIn, collectedAt)
            ? [new OptedIn(state?.CustomerId ?? customerId, customer, purpose, source, ConsentEvidence.Normalize(evidence)!, collectedAt, now)]
            : [];
    }

    /// <summary>An opt-out needs no evidence (the customer's word is enough to stop), but keeps what it is given.</summary>
    public static IReadOnlyList<object> OptOut(
        ConsentRecord? state,
        Guid customerId,
        CustomerIdentity customer,
        OptOutScope scope,
        ConsentSource source,
        string? evidence,
        DateTimeOffset collectedAt,
        DateTimeOffset now)
    {
        if (!Enum.IsDefined(scope))
        {
            throw new DomainException("PURPOSE_UNKNOWN", "An opt-out names a purpose, or all of them.");
        }

        Ensure(customer, source, evidence, required: false, collectedAt, now);
        return Changes(state, ConsentPurposes.CoveredBy(scope), ConsentStatus.OptedOut, collectedAt)
            ? [new OptedOut(state?.CustomerId ?? customerId, customer, scope, source, ConsentEvidence.Normalize(evidence), collectedAt, now)]
            : [];
    }

    /// <summary>Whether the statement moves at least one purpose to <paramref name="status"/>.</summary>
    private static bool Changes(ConsentRecord? state, IReadOnlyList<ConsentPurpose> purposes, ConsentStatus status, DateTimeOffset collectedAt) =>
        purposes.Any(p => state?.For(p) is not { } current || (current.Status != status && ConsentRecord.Supersedes(current, collectedAt)));

    private static void Ensure(CustomerIdentity customer, ConsentSource source, string? evidence, bool required, DateTimeOffset collectedAt, DateTimeOffset now)
    {
        if (customer is null || !customer.IsKnown)
        {
            throw new DomainException("CUSTOMER_REQUIRED", "A consent statement names the customer by wa_id or business-scoped user id.");
        }

        if (!Enum.IsDefined(source))
        {
            throw new DomainException("SOURCE_UNKNOWN", "A consent statement says where it was collected.");
        }

        if (ConsentEvidence.Check(evidence, required) is { } problem)
        {
            throw problem.ToException("Evidence");
        }

        if (ConsentEvidence.CheckCollectedAt(collectedAt, now) is { } early)
        {
            throw early.ToException("The collection time");
        }
    }
}
