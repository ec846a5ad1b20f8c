using PesanAI.Domain.Common;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.UnitTests.Consent;

/// <summary>Events and statements the consent tests start from: given events, when decide, then events.</summary>
internal static class ConsentHistory
{
    public static readonly Guid CustomerId = Guid.Parse("0199a4d0-2b3c-7d4e-8f5a-6b7c8d9e0f12");

    public static readonly DateTimeOffset Earlier = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));

    public static readonly DateTimeOffset Now = Earlier.AddHours(1);

    public const string FormUrl = "https://tokomaju.id/langganan?ref=ig";

    public static CustomerIdentity Customer { get; } = new("6281234567890", null);

    public static OptedIn In(ConsentPurpose purpose = ConsentPurpose.Marketing, DateTimeOffset? collectedAt = null, ConsentSource source = ConsentSource.WebForm, DateTimeOffset? recordedAt = null) =>
        new(CustomerId, Customer, purpose, source, FormUrl, collectedAt ?? Earlier, recordedAt ?? collectedAt ?? Earlier);

    public static OptedOut Out(OptOutScope scope = OptOutScope.Marketing, DateTimeOffset? collectedAt = null, ConsentSource source = ConsentSource.Keyword, string? evidence = "STOP", DateTimeOffset? recordedAt = null) =>
        new(CustomerId, Customer, scope, source, evidence, collectedAt ?? Earlier, recordedAt ?? collectedAt ?? Earlier);

    /// <summary>The state after the events; null when there are none (no ledger yet).</summary>
    public static ConsentRecord? Given(params IConsentEvent[] events) => Fold(null, events);

    public static ConsentRecord? Fold(ConsentRecord? state, IEnumerable<object> events) =>
        events.Aggregate(state, (s, e) => s is null ? ConsentRecord.Start((IConsentEvent)e) : s.Evolve(e));

    public static IReadOnlyList<object> OptIn(
        ConsentRecord? state,
        ConsentPurpose purpose = ConsentPurpose.Marketing,
        DateTimeOffset? collectedAt = null,
        string? evidence = FormUrl,
        ConsentSource source = ConsentSource.WebForm,
        CustomerIdentity? customer = null) =>
        ConsentDecider.OptIn(state, CustomerId, customer ?? Customer, purpose, source, evidence, collectedAt ?? Now, Now);

    public static IReadOnlyList<object> OptOut(
        ConsentRecord? state,
        OptOutScope scope = OptOutScope.Marketing,
        DateTimeOffset? collectedAt = null,
        string? evidence = null,
        ConsentSource source = ConsentSource.Api) =>
        ConsentDecider.OptOut(state, CustomerId, Customer, scope, source, evidence, collectedAt ?? Now, Now);

    public static DomainException Refused(Func<IReadOnlyList<object>> decide) => Assert.Throws<DomainException>(() => decide());
}
