using System.Collections.Immutable;
using PesanAI.Domain.Consent;

namespace PesanAI.Domain.Tenants;

public enum TenantStatus
{
    Active = 1,
    Suspended = 2,
}

public sealed record RegisteredPhoneNumber(
    string PhoneNumberId,
    string DisplayPhoneNumber,
    string WabaId,
    string ProtectedAccessToken,
    string ProtectedAppSecret,
    string VerifyTokenHash,
    string Label,
    DateTimeOffset RegisteredAt)
{
    /// <summary>When Meta refused the access token (190); the number sends nothing until registered again.</summary>
    public DateTimeOffset? TokenRejectedAt { get; init; }

    /// <summary>Quality, throughput and status as Meta last reported them.</summary>
    public NumberHealth Health { get; init; } = NumberHealth.Unknown;
}

/// <summary>The state of one tenant, rebuilt from its events by <see cref="Evolve"/>.</summary>
public sealed record Tenant(
    Guid Id,
    string DisplayName,
    string TimeZone,
    string DefaultLanguage,
    TenantStatus Status,
    string? SuspensionReason,
    BusinessProfile Profile,
    ImmutableList<RegisteredPhoneNumber> PhoneNumbers,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The stream version this state reflects (set by the event store).</summary>
    public long Version { get; init; }

    public ImmutableList<TeamMember> Members { get; init; } = [];

    /// <summary>Every credential ever created, revoked ones included (they keep their history).</summary>
    public ImmutableList<Credential> Credentials { get; init; } = [];

    /// <summary>How the tenant's AI answers customers; off (the defaults) until the tenant configures it.</summary>
    public Automation.AiSettings Ai { get; init; } = Automation.AiSettings.Default;

    /// <summary>The consent keywords and confirmations; the defaults until the tenant configures its own.</summary>
    public ConsentKeywordSettings ConsentKeywords { get; init; } = ConsentKeywordSettings.Default;

    /// <summary>What Meta reported about the tenant's WhatsApp Business Accounts (limit, restrictions, ban), one per WABA heard of.</summary>
    public ImmutableList<AccountHealth> Accounts { get; init; } = [];

    /// <summary>How long each kind of the tenant's data is kept; nothing set (kept until erased) until the tenant sets it.</summary>
    public RetentionPolicy Retention { get; init; } = RetentionPolicy.Default;

    /// <summary>The deletion the tenant (or the operator) asked for, while it waits for its grace period.</summary>
    public PendingDeletion? Deletion { get; init; }

    public AccountHealth? FindAccount(string wabaId) => Accounts.Find(a => a.WabaId == wabaId);

    /// <summary>The state after the first event. (Not named Create: Marten would take that for a convention method.)</summary>
    public static Tenant Start(TenantCreated created) => new(
        created.TenantId,
        created.DisplayName,
        created.TimeZone,
        created.DefaultLanguage,
        TenantStatus.Active,
        SuspensionReason: null,
        BusinessProfile.Empty,
        [],
        created.CreatedAt,
        created.CreatedAt);

    public RegisteredPhoneNumber? FindPhoneNumber(string phoneNumberId) =>
        PhoneNumbers.Find(p => p.PhoneNumberId == phoneNumberId);

    public TeamMember? FindMember(Guid memberId) => Members.Find(m => m.MemberId == memberId);

    public Credential? FindActiveCredential(string clientId) =>
        Credentials.Find(c => c.ClientId == clientId && c.IsActive);

    public Tenant Evolve(object @event) => @event switch
    {
        BusinessProfileUpdated e => this with { Profile = e.Profile, UpdatedAt = e.UpdatedAt },
        PhoneNumberRegistered e => this with
        {
            PhoneNumbers = PhoneNumbers.Add(new RegisteredPhoneNumber(
                e.PhoneNumberId,
                e.DisplayPhoneNumber,
                e.WabaId,
                e.ProtectedAccessToken,
                e.ProtectedAppSecret,
                e.VerifyTokenHash,
                e.Label,
                e.RegisteredAt)),
            UpdatedAt = e.RegisteredAt,
        },
        PhoneNumberTokenRejected e => this with
        {
            PhoneNumbers = PhoneNumbers.ConvertAll(p => p.PhoneNumberId == e.PhoneNumberId ? p with { TokenRejectedAt = e.RejectedAt } : p),
            UpdatedAt = e.RejectedAt,
        },
        PhoneNumberRemoved e => this with
        {
            PhoneNumbers = PhoneNumbers.RemoveAll(p => p.PhoneNumberId == e.PhoneNumberId),
            UpdatedAt = e.RemovedAt,
        },
        TenantSuspended e => this with { Status = TenantStatus.Suspended, SuspensionReason = e.Reason, UpdatedAt = e.SuspendedAt },
        TenantReactivated e => this with { Status = TenantStatus.Active, SuspensionReason = null, UpdatedAt = e.ReactivatedAt },
        TenantDeletionRequested e => this with
        {
            Deletion = new PendingDeletion(e.RequestedBy, e.Reason, e.RequestedAt, e.DeleteAfter, Status == TenantStatus.Active),
            UpdatedAt = e.RequestedAt,
        },
        TenantDeletionCancelled e => this with { Deletion = null, UpdatedAt = e.CancelledAt },
        MemberAdded e => this with
        {
            Members = Members.Add(new TeamMember(e.MemberId, e.DisplayName, e.Email, e.Role, e.AddedAt)),
            UpdatedAt = e.AddedAt,
        },
        MemberRoleChanged e => this with
        {
            Members = Members.ConvertAll(m => m.MemberId == e.MemberId ? m with { Role = e.Role } : m),
            UpdatedAt = e.ChangedAt,
        },
        MemberRemoved e => this with
        {
            Members = Members.RemoveAll(m => m.MemberId == e.MemberId),
            UpdatedAt = e.RemovedAt,
        },
        CredentialCreated e => this with
        {
            Credentials = Credentials.Add(new Credential(e.ClientId, e.Kind, e.MemberId, [.. e.Scopes], e.DisplayName, e.CreatedAt)),
            UpdatedAt = e.CreatedAt,
        },
        CredentialSecretRotated e => this with { UpdatedAt = e.RotatedAt },
        ConsentKeywordsConfigured e => this with
        {
            ConsentKeywords = new ConsentKeywordSettings([.. e.StopKeywords], [.. e.StartKeywords], e.OptOutConfirmation, e.OptInConfirmation),
            UpdatedAt = e.ConfiguredAt,
        },
        AiSettingsConfigured e => this with { Ai = e.Settings, UpdatedAt = e.ConfiguredAt },
        RetentionPolicyChanged e => this with { Retention = e.Policy, UpdatedAt = e.ChangedAt },
        PhoneNumberHealthChecked or PhoneNumberHealthCheckFailed or PhoneNumberQualityUpdated => EvolveNumberHealth(@event),
        MessagingLimitChanged or AccountRestrictionsChanged or AccountBanStateChanged or AccountViolationReported => EvolveAccountHealth(@event),
        CredentialRevoked e => this with
        {
            Credentials = Credentials.ConvertAll(c => c.ClientId == e.ClientId ? c with { RevokedAt = e.RevokedAt } : c),
            UpdatedAt = e.RevokedAt,
        },
        _ => this,
    };

    private Tenant EvolveNumberHealth(object @event)
    {
        var (phoneNumberId, at) = @event switch
        {
            PhoneNumberHealthChecked e => (e.PhoneNumberId, e.CheckedAt),
            PhoneNumberHealthCheckFailed e => (e.PhoneNumberId, e.FailedAt),
            PhoneNumberQualityUpdated e => (e.PhoneNumberId, e.At),
            _ => (string.Empty, UpdatedAt),
        };
        return this with
        {
            PhoneNumbers = PhoneNumbers.ConvertAll(p => p.PhoneNumberId == phoneNumberId ? p with { Health = NumberHealthEvolution.Apply(p.Health, @event) } : p),
            UpdatedAt = at,
        };
    }

    private Tenant EvolveAccountHealth(object @event)
    {
        var (wabaId, at) = @event switch
        {
            MessagingLimitChanged e => (e.WabaId, e.At),
            AccountRestrictionsChanged e => (e.WabaId, e.At),
            AccountBanStateChanged e => (e.WabaId, e.At),
            AccountViolationReported e => (e.WabaId, e.At),
            _ => (string.Empty, UpdatedAt),
        };
        var account = NumberHealthEvolution.Apply(FindAccount(wabaId) ?? new AccountHealth(wabaId), @event);
        return this with { Accounts = [.. Accounts.RemoveAll(a => a.WabaId == wabaId), account], UpdatedAt = at };
    }
}
