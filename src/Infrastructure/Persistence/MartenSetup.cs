using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Audit;
using PesanAI.Application.Conversations;
using PesanAI.Application.Customers;
using PesanAI.Application.Inbound;
using PesanAI.Application.Messaging;
using PesanAI.Application.Templates;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Audit;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Messaging;
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
            .ApplyAllDatabaseChangesOnStartup()

            // HotCold: on several nodes exactly one runs the dispatcher feed, with fail-over.
            .AddAsyncDaemon(JasperFx.Events.Daemon.DaemonMode.HotCold)
            .AddSubscriptionWithServices<Messaging.OutboxSubscription>(ServiceLifetime.Singleton)
            .AddSubscriptionWithServices<Automation.AutomationSubscription>(ServiceLifetime.Singleton);
        services.ConfigureMarten((provider, options) =>
            options.Logger(new RedactingMartenLogger(provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RedactingMartenLogger>>())));
        services.AddSingleton<EventRedaction>();
        services.AddSingleton<IEventHistory, MartenEventHistory>();
        return services;
    }

    public static void Configure(StoreOptions options, string connectionString)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = Schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        options.Events.StreamIdentity = StreamIdentity.AsGuid;

        // Quick appends take each event's position inside mt_quick_append_events, after reading mt_streams:
        // the audit replay relies on that to know when no open transaction can still hold a lower position
        // (SettledHead). Event ids are unique and indexed: the access list looks positions up by event id.
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.EnableUniqueIndexOnEventId = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;

        // Tenant-owned data is conjoined: every event and document row carries its tenant id, the session's
        // tenant comes from the caller's token, and PostgreSQL row-level security (enabled and forced, so also for
        // the tables' owner) filters every tenant document table on the tenant each statement names (RowLevelTenant).
        options.Events.TenancyStyle = TenancyStyle.Conjoined;
        options.Policies.AllDocumentsAreMultiTenanted();
        options.Storage.ExtendedSchemaObjects.Add(RowLevelTenant.Procedure());

        // Tenant registry: global streams (default tenant) whatever the session's tenant, snapshot updated
        // in the same transaction as the events.
        options.Events.AddEventTypes(TenantEventTypes.All);
        options.Projections.AddGlobalProjection(new TenantProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Tenant>().Index(t => t.CreatedAt);
        options.Schema.For<PhoneNumberClaim>().Identity(c => c.Id).SingleTenanted();

        // The data-access audit: one access stream per tenant, in the tenant's slice, and one conjoined
        // (row-level secured) DataAccessEntry per read, written in the read's transaction.
        options.Events.AddEventType<DataAccessed>();
        options.Projections.Add(new DataAccessProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<DataAccessEntry>().Duplicate(e => e.AccessedAt);

        // Conversations: one stream per (tenant, phone number, customer), the snapshot and one record per
        // message kept inline. The key and link rows make redelivered webhooks change nothing.
        options.Events.AddEventTypes(ConversationEventTypes.All);
        options.Projections.Add(new ConversationProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new MessageProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Conversation>().Duplicate(c => c.UpdatedAt);
        options.Schema.For<MessageRecord>().Duplicate(m => m.ConversationId).Duplicate(m => m.SentAt);
        options.Schema.For<InboundMessageKey>();
        options.Schema.For<CustomerLink>();
        options.Schema.For<CustomerPreferenceRecord>().Duplicate(p => p.CustomerId);
        options.Schema.For<TemplateStatusRecord>();

        // Sending: the outbox is the conversation's MessageQueued events; the records above follow each message,
        // wamids lead status webhooks back to PesanAI's messages, request ids make SendMessage idempotent.
        options.Schema.For<OutboundWamid>();
        options.Schema.For<SendRequestKey>();
        options.Schema.For<OutOfWindowContact>().Duplicate(c => c.WabaId).Duplicate(c => c.LastAt);
        // Templates: a stream per (number, name, language); the snapshot is a new table (the documents of before kept
        // string ids under the old name).
        options.Events.AddEventTypes(TemplateEventTypes.All);
        options.Projections.Add(new TemplateProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<MessageTemplate>().DocumentAlias("template_snapshot").Duplicate(t => t.WabaId).Duplicate(t => t.PhoneNumberId);
        options.Schema.For<PhoneNumberClaim>().Duplicate(c => c.WabaId!);

        // Consent: one ledger stream per (tenant, customer), keyed by the customer id conversations use; its
        // snapshot kept inline is also the per-customer consent that ListCustomers filters.
        options.Events.AddEventTypes(ConsentEventTypes.All);
        options.Projections.Add(new ConsentRecordProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<ConsentRecord>().Identity(r => r.CustomerId).Duplicate(r => r.UpdatedAt);

        // Knowledge base: one stream per tenant (KnowledgeBase.StreamIdOf), its snapshot kept inline for writes,
        // ListEntries and the embedded responder's index.
        options.Events.AddEventTypes(KnowledgeEventTypes.All);
        options.Projections.Add(new KnowledgeBaseProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<KnowledgeBase>();

        // Knowledge suggestions (ADR 018): a stream per suggestion, never on the knowledge base's stream (whose version
        // makes every node rebuild its index); the snapshot inline, found by state for the list, by conversation for erasure.
        options.Events.AddEventTypes(KnowledgeSuggestionEventTypes.All);
        options.Projections.Add(new KnowledgeSuggestionProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<KnowledgeSuggestion>().Duplicate(s => s.ConversationId).Duplicate(s => s.CreatedAt);

        // Media: a description per file (the bytes are in the media store).
        // Optimistic concurrency: two fetches of one file (a lease lost with its connection while the first still ran)
        // or a fetch racing a delete cannot both commit; the loser deletes the bytes it stored.
        options.Schema.For<Application.Media.MediaItem>().Duplicate(i => i.ConversationId!).Duplicate(i => i.CreatedAt).UseOptimisticConcurrency(true);

        // Privacy (ADR 015): erasures on the tenant's privacy stream and as documents (found by request id), the keyed
        // hashes an erasure keeps and the tenant's key for them; media bytes still to delete are platform data (a sweep
        // reads every tenant's).
        options.Events.AddEventType<Domain.Privacy.CustomerErased>();
        options.Schema.For<Application.Privacy.ErasureRecord>();
        options.Schema.For<Application.Customers.ErasedKey>();
        options.Schema.For<Application.Customers.ErasureSalt>();
        options.Schema.For<Application.Privacy.PendingMediaErasure>().SingleTenanted();

        // Technical data of the platform, not of a tenant.
        options.Storage.ExtendedSchemaObjects.Add(PostgresInboundQueue.Table());
        options.Storage.ExtendedSchemaObjects.Add(Media.PostgresMediaFetchQueue.Table());
        options.Schema.For<ParkedWebhook>().SingleTenanted().Duplicate(w => w.ParkedAt);
        options.Storage.ExtendedSchemaObjects.Add(Privacy.PostgresTenantDeletions.Table());

        // Media (ADR 011): each tenant's data key, and the embedded store's ciphertext. Tenant-owned rows, read and
        // written only by statements that name the tenant (TenantMediaKeys, PostgresMediaBlobStore).
        options.Storage.ExtendedSchemaObjects.Add(Media.TenantMediaKeys.Table());
        options.Storage.ExtendedSchemaObjects.Add(Media.PostgresMediaBlobStore.Table());

        // Row-level security on every tenant document table (a functional test fails for one left out).
        options.Schema.For<DataAccessEntry>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<Conversation>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<MessageRecord>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<InboundMessageKey>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<CustomerLink>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<CustomerPreferenceRecord>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<TemplateStatusRecord>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<OutboundWamid>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<SendRequestKey>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<OutOfWindowContact>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<MessageTemplate>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<ConsentRecord>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<KnowledgeBase>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<KnowledgeSuggestion>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<Application.Media.MediaItem>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<Application.Privacy.ErasureRecord>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<Application.Customers.ErasedKey>().UseRowLevelSecurity(RowLevelTenant.Setting);
        options.Schema.For<Application.Customers.ErasureSalt>().UseRowLevelSecurity(RowLevelTenant.Setting);
    }
}
