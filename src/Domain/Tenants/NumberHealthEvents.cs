namespace PesanAI.Domain.Tenants;

/// <summary>
/// Meta answered <c>GET /{phone-number-id}</c> (on registration or on demand). Values as Meta sent them; null when
/// Meta left the field out.
/// </summary>
public sealed record PhoneNumberHealthChecked(
    Guid TenantId,
    string PhoneNumberId,
    string? QualityRating,
    string? ThroughputLevel,
    bool? SharedWithBusinessApp,
    string? NameStatus,
    string? Status,
    DateTimeOffset CheckedAt) : ITenantEvent;

/// <summary><c>GET /{phone-number-id}</c> failed: the number's health stays as it was (unknown after registration).</summary>
public sealed record PhoneNumberHealthCheckFailed(Guid TenantId, string PhoneNumberId, string Reason, DateTimeOffset FailedAt) : ITenantEvent;

/// <summary>
/// A <c>phone_number_quality_update</c> webhook for one of the tenant's numbers: its event (ONBOARDING,
/// THROUGHPUT_UPGRADE; older FLAGGED, UNFLAGGED, UPGRADE, DOWNGRADE) as Meta sent it.
/// </summary>
public sealed record PhoneNumberQualityUpdated(Guid TenantId, string PhoneNumberId, string Event, DateTimeOffset At) : ITenantEvent;

/// <summary>The messaging limit of a WhatsApp Business Account (the tier as Meta spells it).</summary>
public sealed record MessagingLimitChanged(Guid TenantId, string WabaId, string Tier, DateTimeOffset At) : ITenantEvent;

/// <summary>An <c>account_update</c> ACCOUNT_RESTRICTION: the restrictions now in force (none: lifted).</summary>
public sealed record AccountRestrictionsChanged(Guid TenantId, string WabaId, IReadOnlyList<AccountRestriction> Restrictions, DateTimeOffset At) : ITenantEvent;

/// <summary>An <c>account_update</c> DISABLED_UPDATE: the WABA's ban state (DISABLE, REINSTATE, SCHEDULE_FOR_DISABLE).</summary>
public sealed record AccountBanStateChanged(Guid TenantId, string WabaId, string BanState, DateTimeOffset At) : ITenantEvent;

/// <summary>An <c>account_update</c> ACCOUNT_VIOLATION: Meta's violation type.</summary>
public sealed record AccountViolationReported(Guid TenantId, string WabaId, string ViolationType, DateTimeOffset At) : ITenantEvent;
