using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.Consent;

/// <summary>The statement that decides one purpose's consent now: the latest the customer made about it.</summary>
public sealed record PurposeConsent(
    ConsentPurpose Purpose,
    ConsentStatus Status,
    ConsentSource Source,
    string? Evidence,
    DateTimeOffset CollectedAt,
    DateTimeOffset RecordedAt,
    bool AllPurposes = false);

/// <summary>
/// One customer's consent ledger in one tenant (the stream id is the tenant's customer id, the one conversations
/// use), rebuilt from its events by <see cref="Evolve"/>. Per purpose, the statement the customer made last
/// (by <see cref="IConsentEvent.CollectedAt"/>; on a tie, the one recorded later) decides: an opt-in imported today
/// that the customer gave last year does not undo the opt-out they sent last month.
/// </summary>
public sealed record ConsentRecord(Guid CustomerId, CustomerIdentity Customer, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The stream version this state reflects (set by the event store).</summary>
    public long Version { get; init; }

    public PurposeConsent? Marketing { get; init; }

    public PurposeConsent? Utility { get; init; }

    public PurposeConsent? Automation { get; init; }

    /// <summary>The state after the first event. (Not named Create: Marten would take that for a convention method.)</summary>
    public static ConsentRecord Start(IConsentEvent first)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new ConsentRecord(first.CustomerId, first.Customer, first.RecordedAt, first.RecordedAt).Evolve(first);
    }

    /// <summary>Whether sending for this purpose is allowed: only after an opt-in that no later opt-out undid.</summary>
    public static bool Allows(ConsentRecord? record, ConsentPurpose purpose) => record?.Allows(purpose) == true;

    /// <summary>Whether the customer refused this purpose. No record: never asked, so not opted out (and not opted in).</summary>
    public static bool HasOptedOut(ConsentRecord? record, ConsentPurpose purpose) => record?.HasOptedOut(purpose) == true;

    public bool Allows(ConsentPurpose purpose) => StatusOf(purpose) == ConsentStatus.OptedIn;

    public bool HasOptedOut(ConsentPurpose purpose) => StatusOf(purpose) == ConsentStatus.OptedOut;

    public ConsentStatus StatusOf(ConsentPurpose purpose) => For(purpose)?.Status ?? ConsentStatus.None;

    public PurposeConsent? For(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.Marketing => Marketing,
        ConsentPurpose.Utility => Utility,
        ConsentPurpose.Automation => Automation,
        _ => null,
    };

    public ConsentRecord Evolve(object @event) => @event switch
    {
        OptedIn e => Stated(e, ConsentStatus.OptedIn, [e.Purpose], allPurposes: false),
        OptedOut e => Stated(e, ConsentStatus.OptedOut, ConsentPurposes.CoveredBy(e.Scope), e.Scope == OptOutScope.All),
        _ => this,
    };

    /// <summary>
    /// Whether a statement collected at <paramref name="collectedAt"/> takes over from <paramref name="current"/>:
    /// it is not older. Shared by <see cref="Evolve"/> and <see cref="ConsentDecider"/>. Compared to the second:
    /// Meta's timestamps (a STOP message's) have no finer grain, so within one second the statement recorded
    /// later wins, and a STOP a customer sends right after a web-form opt-in is never taken as older than it.
    /// </summary>
    public static bool Supersedes(PurposeConsent? current, DateTimeOffset collectedAt) =>
        current is null || collectedAt.ToUnixTimeSeconds() >= current.CollectedAt.ToUnixTimeSeconds();

    private ConsentRecord Stated(IConsentEvent e, ConsentStatus status, IReadOnlyList<ConsentPurpose> purposes, bool allPurposes)
    {
        var next = this with
        {
            Customer = CustomerMerge.With(Customer, e.Customer, seenIsNewest: true),
            UpdatedAt = e.RecordedAt > UpdatedAt ? e.RecordedAt : UpdatedAt,
        };
        foreach (var purpose in purposes.Where(p => Supersedes(For(p), e.CollectedAt)))
        {
            next = next.With(new PurposeConsent(purpose, status, e.Source, e.Evidence, e.CollectedAt, e.RecordedAt, allPurposes));
        }

        return next;
    }

    private ConsentRecord With(PurposeConsent consent) => consent.Purpose switch
    {
        ConsentPurpose.Marketing => this with { Marketing = consent },
        ConsentPurpose.Utility => this with { Utility = consent },
        ConsentPurpose.Automation => this with { Automation = consent },
        _ => this,
    };
}
