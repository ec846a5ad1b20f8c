using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.Consent;

/// <summary>What a customer agrees (or refuses) to receive from the business.</summary>
public enum ConsentPurpose
{
    /// <summary>Promotions and offers (Meta's marketing templates).</summary>
    Marketing = 1,

    /// <summary>Updates about what the customer bought or asked for (Meta's utility templates).</summary>
    Utility = 2,

    /// <summary>Answers by AI automation instead of people.</summary>
    Automation = 3,
}

/// <summary>What an opt-out covers: one purpose, or every purpose (also ones added later).</summary>
public enum OptOutScope
{
    Marketing = 1,
    Utility = 2,
    Automation = 3,
    All = 9,
}

/// <summary>Where a consent statement was collected.</summary>
public enum ConsentSource
{
    WebForm = 1,
    WhatsApp = 2,
    Api = 3,
    Import = 4,
    InStore = 5,

    /// <summary>The customer wrote one of the tenant's STOP/START keywords (recorded by the inbound path only).</summary>
    Keyword = 6,

    /// <summary>The customer stopped or resumed marketing inside WhatsApp (Meta's user_preferences webhook).</summary>
    UserPreferences = 7,
}

/// <summary>A purpose's consent; <see cref="None"/>: the customer never said either way.</summary>
public enum ConsentStatus
{
    None = 0,
    OptedIn = 1,
    OptedOut = 2,
}

/// <summary>What every consent event carries: whose ledger, named how, and when it was recorded and collected.</summary>
public interface IConsentEvent
{
    Guid CustomerId { get; }

    /// <summary>How the statement named the customer (wa_id and/or business-scoped user id).</summary>
    CustomerIdentity Customer { get; }

    ConsentSource Source { get; }

    /// <summary>A URL (the form, the signed document) or a text saying how the customer agreed or refused.</summary>
    string? Evidence { get; }

    /// <summary>When the customer made the statement (may be earlier than recorded: a web form, an import).</summary>
    DateTimeOffset CollectedAt { get; }

    /// <summary>When PesanAI recorded it.</summary>
    DateTimeOffset RecordedAt { get; }
}

public sealed record OptedIn(
    Guid CustomerId,
    CustomerIdentity Customer,
    ConsentPurpose Purpose,
    ConsentSource Source,
    string Evidence,
    DateTimeOffset CollectedAt,
    DateTimeOffset RecordedAt) : IConsentEvent;

public sealed record OptedOut(
    Guid CustomerId,
    CustomerIdentity Customer,
    OptOutScope Scope,
    ConsentSource Source,
    string? Evidence,
    DateTimeOffset CollectedAt,
    DateTimeOffset RecordedAt) : IConsentEvent;

public static class ConsentEventTypes
{
    /// <summary>Every event of a ConsentRecord stream, for registration with the event store.</summary>
    public static IReadOnlyList<Type> All { get; } = DomainEvents.Implementing<IConsentEvent>();
}

public static class ConsentPurposes
{
    public static IReadOnlyList<ConsentPurpose> All { get; } = [ConsentPurpose.Marketing, ConsentPurpose.Utility, ConsentPurpose.Automation];

    /// <summary>The purposes an opt-out covers.</summary>
    public static IReadOnlyList<ConsentPurpose> CoveredBy(OptOutScope scope) => scope switch
    {
        OptOutScope.Marketing => [ConsentPurpose.Marketing],
        OptOutScope.Utility => [ConsentPurpose.Utility],
        OptOutScope.Automation => [ConsentPurpose.Automation],
        OptOutScope.All => All,
        _ => [],
    };

    public static OptOutScope ScopeOf(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.Marketing => OptOutScope.Marketing,
        ConsentPurpose.Utility => OptOutScope.Utility,
        ConsentPurpose.Automation => OptOutScope.Automation,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a consent purpose."),
    };
}
