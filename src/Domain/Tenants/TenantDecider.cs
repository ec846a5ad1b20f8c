using PesanAI.Domain.Common;

namespace PesanAI.Domain.Tenants;

/// <summary>A phone number to connect, with its secrets already protected by the caller.</summary>
public sealed record PhoneNumberRegistration(
    string PhoneNumberId,
    string DisplayPhoneNumber,
    string WabaId,
    string ProtectedAccessToken,
    string ProtectedAppSecret,
    string VerifyTokenHash,
    string Label);

/// <summary>Pure decisions over a <see cref="Tenant"/>: (state, command, now) -> events.</summary>
public static class TenantDecider
{
    public static TenantCreated Create(Guid tenantId, string displayName, string timeZone, string defaultLanguage, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new DomainException("DISPLAY_NAME_REQUIRED", "A tenant needs a display name.");
        }

        return new TenantCreated(tenantId, displayName.Trim(), timeZone, defaultLanguage, now);
    }

    public static IReadOnlyList<object> UpdateBusinessProfile(Tenant state, BusinessProfile profile, DateTimeOffset now)
    {
        EnsureActive(state);
        return [new BusinessProfileUpdated(state.Id, profile, now)];
    }

    public static IReadOnlyList<object> RegisterPhoneNumber(Tenant state, PhoneNumberRegistration registration, DateTimeOffset now)
    {
        EnsureActive(state);
        if (!E164.IsValid(registration.DisplayPhoneNumber))
        {
            throw new DomainException("INVALID_PHONE_NUMBER", "The display phone number is not in E.164 form (+ and 7 to 15 digits).");
        }

        if (state.FindPhoneNumber(registration.PhoneNumberId) is not null)
        {
            throw new DomainException(
                "PHONE_NUMBER_ALREADY_REGISTERED",
                "This phone number is already registered to the tenant.",
                RuleKind.AlreadyExists);
        }

        return
        [
            new PhoneNumberRegistered(
                state.Id,
                registration.PhoneNumberId,
                registration.DisplayPhoneNumber,
                registration.WabaId,
                registration.ProtectedAccessToken,
                registration.ProtectedAppSecret,
                registration.VerifyTokenHash,
                registration.Label,
                now),
        ];
    }

    /// <summary>
    /// Meta answered 190 for the number's token. Recorded once; removing the number and registering it again with a
    /// new token clears it. Also for a suspended tenant: it is a fact about the token, not a change the tenant asked for.
    /// </summary>
    public static IReadOnlyList<object> RejectToken(Tenant state, string phoneNumberId, DateTimeOffset now) =>
        state.FindPhoneNumber(phoneNumberId) is { TokenRejectedAt: null } ? [new PhoneNumberTokenRejected(state.Id, phoneNumberId, now)] : [];

    public static IReadOnlyList<object> RemovePhoneNumber(Tenant state, string phoneNumberId, DateTimeOffset now)
    {
        EnsureActive(state);
        if (state.FindPhoneNumber(phoneNumberId) is null)
        {
            throw new DomainException("PHONE_NUMBER_NOT_REGISTERED", "The tenant has no such phone number.", RuleKind.NotFound);
        }

        return [new PhoneNumberRemoved(state.Id, phoneNumberId, now)];
    }

    /// <summary>Suspending a suspended tenant changes nothing (no events).</summary>
    public static IReadOnlyList<object> Suspend(Tenant state, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("SUSPENSION_REASON_REQUIRED", "A suspension needs a reason.");
        }

        return state.Status == TenantStatus.Suspended ? [] : [new TenantSuspended(state.Id, reason.Trim(), now)];
    }

    /// <summary>Reactivating an active tenant changes nothing (no events).</summary>
    public static IReadOnlyList<object> Reactivate(Tenant state, DateTimeOffset now)
    {
        if (state.Deletion is not null)
        {
            throw new DomainException("TENANT_DELETION_SCHEDULED", "The tenant's deletion is scheduled; cancel it to reactivate the tenant.");
        }

        return state.Status == TenantStatus.Active ? [] : [new TenantReactivated(state.Id, now)];
    }

    internal static void EnsureActive(Tenant state)
    {
        if (state.Status == TenantStatus.Suspended)
        {
            throw new DomainException("TENANT_SUSPENDED", "The tenant is suspended; it changes nothing until it is reactivated.");
        }
    }
}
