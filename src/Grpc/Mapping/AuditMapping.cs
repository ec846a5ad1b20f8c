using Mapster;
using PesanAI.Application.Audit;
using Api = PesanAI.Protos.Audit.V1;
using Tenants = PesanAI.Domain.Tenants;
using TenantsApi = PesanAI.Protos.Tenants.V1;

namespace PesanAI.Host.Mapping;

/// <summary>The audit: replayed events in their versioned shape, and the data-access list.</summary>
public sealed class AuditMapping : IRegister
{
    /// <summary>The version of the AuditEvent shape (AuditEvent.schema_version).</summary>
    public const int AuditEventSchemaVersion = 1;

    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        config.NewConfig<Api.ReplayEventsRequest, ReplayEvents>();
        config.NewConfig<Api.ListDataAccessRequest, ListDataAccess>();

        config.NewConfig<RecordedEvent, Api.EventMetadata>()
            .Map(dest => dest.Actor, src => src.MemberId ?? src.CredentialId);

        config.NewConfig<RecordedEvent, Api.AuditEvent>()
            .Map(dest => dest.SchemaVersion, _ => AuditEventSchemaVersion)
            .Map(dest => dest.EventId, src => src.EventId.ToString())
            .Map(dest => dest.StreamId, src => src.StreamId.ToString())
            .Map(dest => dest.Metadata, src => src);

        config.NewConfig<DataAccessPage, Api.ListDataAccessResponse>()
            .Map(dest => dest.DataAccesses, src => src.Entries);

        config.NewConfig<ListedDataAccess, Api.DataAccess>()
            .Map(dest => dest.EventId, src => src.Entry.Id.ToString())
            .Map(dest => dest.CredentialId, src => src.Entry.CredentialId)
            .Map(dest => dest.MemberId, src => src.Entry.MemberId)
            .Map(dest => dest.Role, src => RoleOf(src.Entry.Role))
            .Map(dest => dest.Operation, src => src.Entry.Operation)
            .Map(dest => dest.ResourceType, src => src.Entry.ResourceType)
            .Map(dest => dest.ResourceIds, src => src.Entry.ResourceIds)
            .Map(dest => dest.Purpose, src => src.Entry.Purpose)
            .Map(dest => dest.ClientAddress, src => src.Entry.ClientAddress)
            .Map(dest => dest.AccessTime, src => src.Entry.AccessedAt);
    }

    /// <summary>By hand: the entry keeps the role as text (roles may be retired); an unknown one is UNSPECIFIED.</summary>
    private static TenantsApi.MemberRole RoleOf(string? role) =>
        System.Enum.TryParse<Tenants.MemberRole>(role, ignoreCase: true, out var parsed) ? TenantMapping.ToProto(parsed) : TenantsApi.MemberRole.Unspecified;
}
