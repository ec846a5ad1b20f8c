using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;
using Weasel.Core;

namespace PesanAI.Infrastructure.Persistence;

public static class MartenSetup
{
    public const string Schema = "pesanai";

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

        // Tenant registry: global streams, snapshot updated in the same transaction as the events.
        options.Events.AddEventTypes(TenantEventTypes.All);
        options.Projections.Add(new TenantProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Tenant>().Index(t => t.CreatedAt);
        options.Schema.For<PhoneNumberClaim>().Identity(c => c.Id);
    }
}
