using PesanAI.Domain.Common;

namespace PesanAI.Domain.Tenants;

/// <summary>What every event of a tenant's stream carries: which tenant. Its implementations are the stream's event types.</summary>
public interface ITenantEvent
{
    Guid TenantId { get; }
}

public sealed record TenantCreated(
    Guid TenantId,
    string DisplayName,
    string TimeZone,
    string DefaultLanguage,
    DateTimeOffset CreatedAt) : ITenantEvent;

public sealed record BusinessProfileUpdated(Guid TenantId, BusinessProfile Profile, DateTimeOffset UpdatedAt) : ITenantEvent;

/// <summary>
/// Secrets arrive already protected: <see cref="ProtectedAccessToken"/> and <see cref="ProtectedAppSecret"/>
/// are ciphertext, <see cref="VerifyTokenHash"/> is a SHA-256 hash. No event carries a secret in clear.
/// </summary>
public sealed record PhoneNumberRegistered(
    Guid TenantId,
    string PhoneNumberId,
    string DisplayPhoneNumber,
    string WabaId,
    string ProtectedAccessToken,
    string ProtectedAppSecret,
    string VerifyTokenHash,
    string Label,
    DateTimeOffset RegisteredAt) : ITenantEvent;

public sealed record PhoneNumberRemoved(Guid TenantId, string PhoneNumberId, DateTimeOffset RemovedAt) : ITenantEvent;

/// <summary>Meta refused the number's access token (error 190): it sends nothing until registered again with a new token.</summary>
public sealed record PhoneNumberTokenRejected(Guid TenantId, string PhoneNumberId, DateTimeOffset RejectedAt) : ITenantEvent;

public sealed record TenantSuspended(Guid TenantId, string Reason, DateTimeOffset SuspendedAt) : ITenantEvent;

public sealed record TenantReactivated(Guid TenantId, DateTimeOffset ReactivatedAt) : ITenantEvent;

public static class TenantEventTypes
{
    /// <summary>Every event of the Tenant stream, for registration with the event store.</summary>
    public static IReadOnlyList<Type> All { get; } = DomainEvents.Implementing<ITenantEvent>();
}

public sealed record MemberAdded(Guid TenantId, Guid MemberId, string DisplayName, string Email, MemberRole Role, DateTimeOffset AddedAt) : ITenantEvent;

public sealed record MemberRoleChanged(Guid TenantId, Guid MemberId, MemberRole Role, DateTimeOffset ChangedAt) : ITenantEvent;

public sealed record MemberRemoved(Guid TenantId, Guid MemberId, DateTimeOffset RemovedAt) : ITenantEvent;

public sealed record CredentialCreated(
    Guid TenantId,
    string ClientId,
    CredentialKind Kind,
    Guid? MemberId,
    IReadOnlyList<string> Scopes,
    string DisplayName,
    DateTimeOffset CreatedAt) : ITenantEvent;

public sealed record CredentialSecretRotated(Guid TenantId, string ClientId, DateTimeOffset RotatedAt) : ITenantEvent;

/// <summary>Every token of the credential is refused from its next call on.</summary>
public sealed record CredentialRevoked(Guid TenantId, string ClientId, string Reason, DateTimeOffset RevokedAt) : ITenantEvent;
