using System.Collections.Immutable;

namespace PesanAI.Domain.Tenants;

/// <summary>
/// What Meta last said about one number: values as Meta spells them (GREEN, STANDARD, APPROVED, ...), so that a value
/// Meta adds later is kept and shown as it came; each with the time it last changed. Null: never reported.
/// </summary>
public sealed record NumberHealth
{
    public static NumberHealth Unknown { get; } = new();

    /// <summary><c>quality_rating</c>: GREEN, YELLOW, RED, NA (or UNKNOWN).</summary>
    public string? QualityRating { get; init; }

    public DateTimeOffset? QualityUpdatedAt { get; init; }

    /// <summary><c>throughput.level</c>: STANDARD or HIGH (1,000 mps after THROUGHPUT_UPGRADE).</summary>
    public string? ThroughputLevel { get; init; }

    public DateTimeOffset? ThroughputUpdatedAt { get; init; }

    /// <summary><c>is_on_biz_app</c>: the number is shared with the WhatsApp Business app (coexistence, fixed at 20 mps).</summary>
    public bool SharedWithBusinessApp { get; init; }

    /// <summary>The quality webhook's FLAGGED (quality dropped to low) until UNFLAGGED: older payloads still send these.</summary>
    public bool Flagged { get; init; }

    public string? NameStatus { get; init; }

    /// <summary><c>status</c>: CONNECTED when the number can send.</summary>
    public string? Status { get; init; }

    /// <summary>The last <c>GET /{phone-number-id}</c> that answered.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Why the last <c>GET /{phone-number-id}</c> failed (Meta's code, never a token); null after one that answered.</summary>
    public string? CheckFailure { get; init; }

    /// <summary>The last quality webhook's event (ONBOARDING, THROUGHPUT_UPGRADE, FLAGGED, UPGRADE, ...), as Meta sent it.</summary>
    public string? LastEvent { get; init; }

    public DateTimeOffset? LastEventAt { get; init; }
}

/// <summary>A restriction Meta put on a WhatsApp Business Account (<c>account_update</c> ACCOUNT_RESTRICTION).</summary>
public sealed record AccountRestriction(string Type, DateTimeOffset? Expiration)
{
    public const string BusinessInitiated = "RESTRICTED_BIZ_INITIATED_MESSAGING";
    public const string CustomerInitiated = "RESTRICTED_CUSTOMER_INITIATED_MESSAGING";

    public bool IsActive(DateTimeOffset now) => Expiration is not { } until || until > now;
}

/// <summary>
/// What Meta said about one of the tenant's WhatsApp Business Accounts: the messaging limit (per business portfolio
/// since October 2025; PesanAI keeps it per WABA, see ADR 013), restrictions, ban state and the last violation.
/// </summary>
public sealed record AccountHealth(string WabaId)
{
    /// <summary>As Meta spells it: TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED (older: TIER_50, TIER_1K, TIER_NOT_SET).</summary>
    public string? MessagingLimitTier { get; init; }

    public DateTimeOffset? MessagingLimitUpdatedAt { get; init; }

    public ImmutableList<AccountRestriction> Restrictions { get; init; } = [];

    public DateTimeOffset? RestrictionsUpdatedAt { get; init; }

    /// <summary><c>ban_info.waba_ban_state</c>: DISABLE, REINSTATE or SCHEDULE_FOR_DISABLE.</summary>
    public string? BanState { get; init; }

    public DateTimeOffset? BanStateUpdatedAt { get; init; }

    public string? LastViolation { get; init; }

    public DateTimeOffset? LastViolationAt { get; init; }

    public bool IsBanned => string.Equals(BanState, "DISABLE", StringComparison.OrdinalIgnoreCase);

    public bool IsRestricted(string type, DateTimeOffset now) =>
        Restrictions.Exists(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase) && r.IsActive(now));
}

/// <summary>Meta's messaging limit tiers: unique customers reached outside a customer-service window per rolling 24 h.</summary>
public static class MessagingLimits
{
    /// <summary>
    /// The number of customers a tier allows: null for unlimited; <paramref name="known"/> false for a value PesanAI does
    /// not know (TIER_NOT_SET, a new name), which PesanAI does not enforce (Meta still does).
    /// </summary>
    public static int? MaxCustomers(string? tier, out bool known)
    {
        known = true;
        var value = tier?.Trim().ToUpperInvariant() ?? string.Empty;
        if (value.StartsWith("TIER_", StringComparison.Ordinal))
        {
            value = value[5..];
        }

        switch (value)
        {
            case "UNLIMITED":
                return null;
            case var v when v.EndsWith('K') && int.TryParse(v[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k):
                return k * 1000;
            case var v when int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n):
                return n;
            default:
                known = false;
                return null;
        }
    }
}

/// <summary>A number's throughput at Meta (WHATSAPP.md section 5): what the dispatcher sends at.</summary>
public static class NumberThroughput
{
    public const double Standard = 80;
    public const double High = 1000;
    public const double SharedWithBusinessApp = 20;

    public static double PerSecond(NumberHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        if (health.SharedWithBusinessApp)
        {
            return SharedWithBusinessApp;
        }

        return string.Equals(health.ThroughputLevel, "HIGH", StringComparison.OrdinalIgnoreCase) ? High : Standard;
    }
}
