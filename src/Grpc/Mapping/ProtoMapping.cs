using Google.Protobuf.WellKnownTypes;
using Mapster;
using PesanAI.Application.Audit;
using Model = PesanAI.Domain.Tenants;
using Api = PesanAI.Protos.Tenants.V1;
using AuditApi = PesanAI.Protos.Audit.V1;

namespace PesanAI.Host.Mapping;

/// <summary>
/// Domain -> protobuf mapping in one place. Protobuf's repeated fields are read-only collections and its
/// timestamps are messages: Mapster is told how to fill both, and a test compiles this configuration.
/// Request timestamps arrive in range: RequestShape refused any other while the request was decoded.
/// </summary>
public static class ProtoMapping
{
    public static TypeAdapterConfig Config { get; } = Build();

    public static TypeAdapterConfig Build()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.NewConfig<DateTimeOffset, Timestamp>().MapWith(time => Timestamp.FromDateTimeOffset(time));

        config.NewConfig<Model.BusinessProfile, Api.BusinessProfile>()
            .Ignore(dest => dest.Websites)
            .AfterMapping((src, dest) => dest.Websites.AddRange(src.Websites));

        config.NewConfig<Model.RegisteredPhoneNumber, Api.PhoneNumber>()
            .Map(dest => dest.RegisterTime, src => src.RegisteredAt);

        config.NewConfig<Model.Tenant, Api.Tenant>()
            .Map(dest => dest.Id, src => src.Id.ToString())
            .Map(dest => dest.State, src => src.Status == Model.TenantStatus.Suspended
                ? Api.TenantState.Suspended
                : Api.TenantState.Active)
            .Map(dest => dest.SuspensionReason, src => src.SuspensionReason ?? string.Empty)
            .Map(dest => dest.BusinessProfile, src => src.Profile)
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Map(dest => dest.UpdateTime, src => src.UpdatedAt)
            .Ignore(dest => dest.PhoneNumbers)
            .AfterMapping((src, dest) => dest.PhoneNumbers.AddRange(src.PhoneNumbers.Select(p => p.Adapt<Api.PhoneNumber>(Config))));

        config.NewConfig<Model.TeamMember, Api.Member>()
            .Map(dest => dest.MemberId, src => src.MemberId.ToString())
            .Map(dest => dest.Role, src => ToProto(src.Role))
            .Map(dest => dest.AddTime, src => src.AddedAt);

        config.NewConfig<Model.Credential, Api.Credential>()
            .Map(dest => dest.Kind, src => src.Kind == Model.CredentialKind.Member ? Api.CredentialKind.Member : Api.CredentialKind.Application)
            .Map(dest => dest.MemberId, src => src.MemberId.HasValue ? src.MemberId.Value.ToString() : string.Empty)
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Ignore(dest => dest.RevokeTime)
            .Ignore(dest => dest.Scopes)
            .AfterMapping((src, dest) =>
            {
                dest.Scopes.AddRange(src.Scopes);
                dest.RevokeTime = src.RevokedAt is { } revoked ? Timestamp.FromDateTimeOffset(revoked) : null;
            });

        return config;
    }

    public static Api.Member ToProto(this Model.TeamMember member) => member.Adapt<Api.Member>(Config);

    public static Api.Credential ToProto(this Model.Credential credential) => credential.Adapt<Api.Credential>(Config);

    public static Api.MemberRole ToProto(Model.MemberRole role) => role switch
    {
        Model.MemberRole.Owner => Api.MemberRole.Owner,
        Model.MemberRole.Admin => Api.MemberRole.Admin,
        Model.MemberRole.Agent => Api.MemberRole.Agent,
        Model.MemberRole.Auditor => Api.MemberRole.Auditor,
        _ => Api.MemberRole.Unspecified,
    };

    /// <summary>Unspecified or unknown wire values become null, which validation refuses with the field named.</summary>
    public static Model.MemberRole? ToDomain(this Api.MemberRole role) => role switch
    {
        Api.MemberRole.Owner => Model.MemberRole.Owner,
        Api.MemberRole.Admin => Model.MemberRole.Admin,
        Api.MemberRole.Agent => Model.MemberRole.Agent,
        Api.MemberRole.Auditor => Model.MemberRole.Auditor,
        _ => null,
    };

    public static Model.CredentialKind? ToDomain(this Api.CredentialKind kind) => kind switch
    {
        Api.CredentialKind.Application => Model.CredentialKind.Application,
        Api.CredentialKind.Member => Model.CredentialKind.Member,
        _ => null,
    };

    public static Api.Tenant ToProto(this Model.Tenant tenant) => tenant.Adapt<Api.Tenant>(Config);

    public static Model.BusinessProfile? ToDomain(this Api.BusinessProfile? profile) => profile is null
        ? null
        : new Model.BusinessProfile(profile.About, profile.Description, profile.Address, profile.Email, [.. profile.Websites], profile.Vertical);

    public static long? ExpectedVersion(bool hasValue, long value) => hasValue ? value : null;

    /// <summary>The version of the AuditEvent shape (AuditEvent.schema_version).</summary>
    public const int AuditEventSchemaVersion = 1;

    public static ReplayEvents ToQuery(this AuditApi.ReplayEventsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ReplayEvents(
            request.AfterPosition,
            [.. request.StreamIds],
            [.. request.EventTypes],
            request.Actor,
            request.StartTime?.ToDateTimeOffset(),
            request.EndTime?.ToDateTimeOffset(),
            request.MaxEvents);
    }

    public static AuditApi.AuditEvent ToProto(this RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new AuditApi.AuditEvent
        {
            SchemaVersion = AuditEventSchemaVersion,
            Position = recorded.Position,
            EventId = recorded.EventId.ToString(),
            StreamId = recorded.StreamId.ToString(),
            StreamVersion = recorded.StreamVersion,
            Type = recorded.Type,
            Data = recorded.Data,
            OccurredAt = Timestamp.FromDateTimeOffset(recorded.OccurredAt),
            Metadata = new AuditApi.EventMetadata
            {
                Actor = recorded.MemberId ?? recorded.CredentialId ?? string.Empty,
                CredentialId = recorded.CredentialId ?? string.Empty,
                MemberId = recorded.MemberId ?? string.Empty,
                CorrelationId = recorded.CorrelationId ?? string.Empty,
                CausationId = recorded.CausationId ?? string.Empty,
            },
        };
    }

    public static ListDataAccess ToQuery(this AuditApi.ListDataAccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ListDataAccess(
            request.PageSize,
            request.PageToken,
            request.Actor,
            request.ResourceType,
            request.ResourceId,
            request.StartTime?.ToDateTimeOffset(),
            request.EndTime?.ToDateTimeOffset());
    }

    public static AuditApi.ListDataAccessResponse ToProto(this DataAccessPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = new AuditApi.ListDataAccessResponse { NextPageToken = page.NextPageToken };
        response.DataAccesses.AddRange(page.Entries.Select(listed => new AuditApi.DataAccess
        {
            EventId = listed.Entry.Id.ToString(),
            Position = listed.Position,
            CredentialId = listed.Entry.CredentialId,
            MemberId = listed.Entry.MemberId ?? string.Empty,
            Role = System.Enum.TryParse<Model.MemberRole>(listed.Entry.Role, ignoreCase: true, out var role) ? ToProto(role) : Api.MemberRole.Unspecified,
            Operation = listed.Entry.Operation,
            ResourceType = listed.Entry.ResourceType,
            ResourceIds = { listed.Entry.ResourceIds },
            Purpose = listed.Entry.Purpose ?? string.Empty,
            ClientAddress = listed.Entry.ClientAddress ?? string.Empty,
            AccessTime = Timestamp.FromDateTimeOffset(listed.Entry.AccessedAt),
        }));
        return response;
    }
}
