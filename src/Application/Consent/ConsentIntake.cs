using Marten;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Consent;

/// <summary>
/// What a customer's message or WhatsApp preference did to their consent: which keyword matched (Stop or Start),
/// whether a new statement was recorded, and the confirmation text to answer with (null: send none).
/// </summary>
public sealed record ConsentIntakeResult(KeywordMatch Match, bool Recorded, string? Confirmation)
{
    public static ConsentIntakeResult Nothing { get; } = new(KeywordMatch.None, false, null);
}

/// <summary>
/// The inbound path's way into the consent ledger: a customer message that is one of the tenant's STOP/START
/// keywords, or a <c>user_preferences</c> stop/resume, becomes an opt-out/opt-in of marketing with source
/// <c>keyword</c> / <c>user_preferences</c>. It works inside the caller's tenant session and transaction: it appends,
/// the caller saves (with the message that said it). One instance per session: statements about the same customer
/// in one batch are each decided against the state after the ones before (pass them oldest first).
/// It sends nothing; the caller sends <see cref="ConsentIntakeResult.Confirmation"/> if it wants to.
/// </summary>
public sealed class ConsentIntake(IDocumentSession session, ConsentKeywordSettings settings)
{
    /// <summary>Meta's <c>user_preferences</c> category for marketing messages.</summary>
    public const string MarketingMessagesCategory = "marketing_messages";

    private readonly StreamTracker<ConsentRecord> _ledgers = new(ConsentStream.Kind);

    /// <summary>The tenant's keyword settings (the defaults until it configures its own).</summary>
    public static async Task<ConsentKeywordSettings> LoadSettingsAsync(IQuerySession session, Guid tenantId, CancellationToken cancellationToken) =>
        (await TenantStream.Load(session, tenantId, cancellationToken)).ConsentKeywords;

    /// <summary>
    /// A customer message's text (null for messages without text). A keyword is answered with its confirmation also
    /// when it changed nothing (a second STOP still deserves "you are unsubscribed"); the customer just wrote, so the
    /// customer-service window is open for it. A message sent "in the future" by Meta's clock counts as sent now.
    /// </summary>
    public async Task<ConsentIntakeResult> OnMessageAsync(
        Guid customerId,
        CustomerIdentity customer,
        string? text,
        string wamid,
        DateTimeOffset sentAt,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var match = ConsentKeywords.Match(settings, text);
        if (match == KeywordMatch.None || !customer.IsKnown)
        {
            return ConsentIntakeResult.Nothing;
        }

        var evidence = Bounded($"{(match == KeywordMatch.Stop ? "Stop" : "Start")} keyword \"{text!.Trim()}\" in WhatsApp message {wamid}");
        var collectedAt = sentAt > now ? now : sentAt;
        var recorded = await RecordAsync(
            customerId,
            state => match == KeywordMatch.Stop
                ? ConsentDecider.OptOut(state, customerId, customer, OptOutScope.Marketing, ConsentSource.Keyword, evidence, collectedAt, now)
                : ConsentDecider.OptIn(state, customerId, customer, ConsentPurpose.Marketing, ConsentSource.Keyword, evidence, collectedAt, now),
            cancellationToken);
        var confirmation = match == KeywordMatch.Stop ? settings.OptOutConfirmation : settings.OptInConfirmation;
        return new ConsentIntakeResult(match, recorded, confirmation.Length == 0 ? null : confirmation);
    }

    /// <summary>
    /// Meta's <c>user_preferences</c> report: <paramref name="value"/> stop or resume for <paramref name="category"/>
    /// (only <see cref="MarketingMessagesCategory"/> is a consent purpose; others change nothing). Never answered:
    /// WhatsApp itself confirms it to the customer, and the window may be closed.
    /// </summary>
    public async Task<ConsentIntakeResult> OnPreferenceAsync(
        Guid customerId,
        CustomerIdentity customer,
        string category,
        string value,
        DateTimeOffset at,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var match = !string.Equals(category, MarketingMessagesCategory, StringComparison.OrdinalIgnoreCase) ? KeywordMatch.None
            : string.Equals(value, "stop", StringComparison.OrdinalIgnoreCase) ? KeywordMatch.Stop
            : string.Equals(value, "resume", StringComparison.OrdinalIgnoreCase) ? KeywordMatch.Start
            : KeywordMatch.None;
        if (match == KeywordMatch.None || !customer.IsKnown)
        {
            return ConsentIntakeResult.Nothing;
        }

        var evidence = Bounded($"WhatsApp user_preferences: {value.ToLowerInvariant()} {category.ToLowerInvariant()}");
        var collectedAt = at > now ? now : at;
        var recorded = await RecordAsync(
            customerId,
            state => match == KeywordMatch.Stop
                ? ConsentDecider.OptOut(state, customerId, customer, OptOutScope.Marketing, ConsentSource.UserPreferences, evidence, collectedAt, now)
                : ConsentDecider.OptIn(state, customerId, customer, ConsentPurpose.Marketing, ConsentSource.UserPreferences, evidence, collectedAt, now),
            cancellationToken);
        return new ConsentIntakeResult(match, recorded, null);
    }

    /// <summary>
    /// A customer whose earlier record was erased after they had opted out of marketing (ADR 015) writes again: their
    /// new, empty ledger starts with that opt-out. A ledger that already has statements is left as it is.
    /// </summary>
    public Task<bool> KeepErasedOptOutAsync(Guid customerId, CustomerIdentity customer, DateTimeOffset now, CancellationToken cancellationToken) =>
        RecordAsync(
            customerId,
            state => state is not null ? [] : ConsentDecider.OptOut(state, customerId, customer, OptOutScope.Marketing, ConsentSource.Import, ErasedOptOutEvidence, now, now),
            cancellationToken);

    /// <summary>The evidence of an opt-out kept through an erasure (no identity, no id of the erased record).</summary>
    public const string ErasedOptOutEvidence = "Opted out before an erasure of the customer's data; the opt-out was kept.";

    private async Task<bool> RecordAsync(Guid customerId, Func<ConsentRecord?, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        var ledger = await _ledgers.GetAsync(session, customerId, cancellationToken);
        return ledger.Append(decide(ledger.State));
    }

    private static string Bounded(string evidence) =>
        evidence.Length <= ConsentEvidence.MaxLength ? evidence : evidence[..ConsentEvidence.MaxLength];
}
