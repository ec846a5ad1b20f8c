using Mapster;
using Api = PesanAI.Protos.Tenants.V1;
using Model = PesanAI.Domain.Tenants;

namespace PesanAI.Host.Mapping;

/// <summary>Tenants, numbers, members and credentials. Secrets (tokens, app secrets, hashes) have no proto field.</summary>
public sealed class TenantMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // Enums by hand: the wire reserves 0 for UNSPECIFIED, and an unknown wire value must become null for validation.
        config.NewConfig<Model.MemberRole, Api.MemberRole>().MapWith(role => ToProto(role));
        config.NewConfig<Api.MemberRole, Model.MemberRole?>().MapWith(role => ToDomain(role));
        config.NewConfig<Api.CredentialKind, Model.CredentialKind?>().MapWith(kind => ToDomain(kind));
        config.NewConfig<Model.CredentialKind, Api.CredentialKind>()
            .MapWith(kind => kind == Model.CredentialKind.Member ? Api.CredentialKind.Member : Api.CredentialKind.Application);
        config.NewConfig<Model.TenantStatus, Api.TenantState>()
            .MapWith(status => status == Model.TenantStatus.Suspended ? Api.TenantState.Suspended : Api.TenantState.Active);

        config.NewConfig<Model.BusinessProfile, Api.BusinessProfile>();
        config.NewConfig<Api.BusinessProfile, Model.BusinessProfile>();

        // A number's health joins its own and its account's (by WABA): filled by the tenant's mapping, which has both.
        config.NewConfig<Model.RegisteredPhoneNumber, Api.PhoneNumber>()
            .Map(dest => dest.RegisterTime, src => src.RegisteredAt)
            .Ignore(dest => dest.Health);

        config.NewConfig<Model.Tenant, Api.Tenant>()
            .Map(dest => dest.Id, src => src.Id.ToString())
            .Map(dest => dest.State, src => src.Status)
            .Map(dest => dest.BusinessProfile, src => src.Profile)
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Map(dest => dest.UpdateTime, src => src.UpdatedAt)
            .AfterMapping((src, dest) => FillHealth(src, dest));

        config.NewConfig<Model.TeamMember, Api.Member>()
            .Map(dest => dest.MemberId, src => src.MemberId.ToString())
            .Map(dest => dest.AddTime, src => src.AddedAt);

        config.NewConfig<Model.Credential, Api.Credential>()
            .Map(dest => dest.MemberId, src => src.MemberId.HasValue ? src.MemberId.Value.ToString() : string.Empty)
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Map(dest => dest.RevokeTime, src => src.RevokedAt);
    }

    /// <summary>Each number's health with its account's limit, restrictions and ban state.</summary>
    private static void FillHealth(Model.Tenant tenant, Api.Tenant dest)
    {
        foreach (var number in dest.PhoneNumbers)
        {
            if (tenant.FindPhoneNumber(number.PhoneNumberId) is { } registered)
            {
                number.Health = HealthOf(registered, tenant.FindAccount(registered.WabaId));
            }
        }
    }

    public static Api.PhoneNumberHealth HealthOf(Model.RegisteredPhoneNumber number, Model.AccountHealth? account)
    {
        ArgumentNullException.ThrowIfNull(number);
        var health = number.Health;
        var limit = Model.MessagingLimits.MaxCustomers(account?.MessagingLimitTier, out _);
        var proto = new Api.PhoneNumberHealth
        {
            QualityRating = health.QualityRating ?? string.Empty,
            QualityUpdateTime = Time(health.QualityUpdatedAt),
            ThroughputLevel = health.ThroughputLevel ?? string.Empty,
            SharedWithBusinessApp = health.SharedWithBusinessApp,
            ThroughputPerSecond = (int)Model.NumberThroughput.PerSecond(health),
            ThroughputUpdateTime = Time(health.ThroughputUpdatedAt),
            MessagingLimitTier = account?.MessagingLimitTier ?? string.Empty,
            MessagingLimit = limit ?? 0,
            MessagingLimitUpdateTime = Time(account?.MessagingLimitUpdatedAt),
            RestrictionsUpdateTime = Time(account?.RestrictionsUpdatedAt),
            BanState = account?.BanState ?? string.Empty,
            BanStateUpdateTime = Time(account?.BanStateUpdatedAt),
            NameStatus = health.NameStatus ?? string.Empty,
            Status = health.Status ?? string.Empty,
            CheckTime = Time(health.CheckedAt),
            CheckFailure = health.CheckFailure ?? string.Empty,
            LastEvent = health.LastEvent ?? string.Empty,
            LastEventTime = Time(health.LastEventAt),
            Flagged = health.Flagged,
            LastViolation = account?.LastViolation ?? string.Empty,
            LastViolationTime = Time(account?.LastViolationAt),
        };
        proto.Restrictions.AddRange((account?.Restrictions ?? []).Select(r => new Api.AccountRestriction
        {
            RestrictionType = r.Type,
            ExpireTime = Time(r.Expiration),
        }));
        return proto;
    }

    private static Google.Protobuf.WellKnownTypes.Timestamp? Time(DateTimeOffset? at) =>
        at is { } value ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(value) : null;

    public static Api.MemberRole ToProto(Model.MemberRole role) => role switch
    {
        Model.MemberRole.Owner => Api.MemberRole.Owner,
        Model.MemberRole.Admin => Api.MemberRole.Admin,
        Model.MemberRole.Agent => Api.MemberRole.Agent,
        Model.MemberRole.Auditor => Api.MemberRole.Auditor,
        _ => Api.MemberRole.Unspecified,
    };

    /// <summary>Unspecified or unknown wire values become null, which validation refuses with the field named.</summary>
    private static Model.MemberRole? ToDomain(Api.MemberRole role) => role switch
    {
        Api.MemberRole.Owner => Model.MemberRole.Owner,
        Api.MemberRole.Admin => Model.MemberRole.Admin,
        Api.MemberRole.Agent => Model.MemberRole.Agent,
        Api.MemberRole.Auditor => Model.MemberRole.Auditor,
        _ => null,
    };

    private static Model.CredentialKind? ToDomain(Api.CredentialKind kind) => kind switch
    {
        Api.CredentialKind.Application => Model.CredentialKind.Application,
        Api.CredentialKind.Member => Model.CredentialKind.Member,
        _ => null,
    };
}
