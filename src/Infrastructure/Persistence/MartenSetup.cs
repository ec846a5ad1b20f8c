using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Audit;
using PesanAI.Domain.Tenants;
using Weasel.Core;

namespace PesanAI.Infrastructure.Persistence;

public static class MartenSetup
{
    public const string Schema = "pesanai";

    /// <summary>The PostgreSQL setting Marten fills with the session's tenant id on every connection.</summary>
    public const string RlsTenantSetting = "app.tenant_id";

    public static IServiceCollection AddEventStore(this IServiceCollection services, string connectionString)
    {
        services.AddMarten(options => Configure(options, connectionString))
            .BuildSessionsWith<ActorSessionFactory>(ServiceLifetime.Scoped)
            .ApplyAllDatabaseChangesOnStartup();
        return services;
    }

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = Schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;

        // Tenant-owned data is conjoined: every event and document row carries its tenant id, the session's
        // tenant comes from the caller's token, and PostgreSQL row-level security filters document tables
        // for database roles that are not their owner.
        options.Events.TenancyStyle = TenancyStyle.Conjoined;
        options.Policies.AllDocumentsAreMultiTenanted();
        options.UseRowLevelSecurity(RlsTenantSetting);

        // Tenant registry: global streams (default tenant) whatever the session's tenant, snapshot updated
        // in the same transaction as the events.
        options.Events.AddEventTypes(TenantEventTypes.All);
        options.Projections.AddGlobalProjection(new TenantProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Tenant>().Index(t => t.CreatedAt);
        options.Schema.For<PhoneNumberClaim>().Identity(c => c.Id).SingleTenanted();

        // The data-access audit: one access stream per tenant, in the tenant's slice.
        options.Events.AddEventType<DataAccessed>();
    }
}
