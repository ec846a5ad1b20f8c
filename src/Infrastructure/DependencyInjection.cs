using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PesanAI.Application.Common;
using PesanAI.Application.Inbound;
using PesanAI.Application.Knowledge;
using PesanAI.Application.Media;
using PesanAI.Application.Messaging;
using PesanAI.Application.Team;
using PesanAI.Application.WhatsApp;
using PesanAI.Infrastructure.Ai;
using PesanAI.Infrastructure.Identity;
using PesanAI.Infrastructure.Media;
using PesanAI.Infrastructure.Messaging;
using PesanAI.Infrastructure.Persistence;
using PesanAI.Infrastructure.Privacy;
using PesanAI.Infrastructure.Secrets;
using PesanAI.Infrastructure.WhatsApp;
using PesanAI.Infrastructure.WhatsApp.Graph;

namespace PesanAI.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Postgres";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Start the platform with `./pesanai up`, or set PESANAI_POSTGRES.");
        }

        // Statements repeat on every webhook and call: Npgsql prepares them unless the connection string names Max Auto
        // Prepare itself (0 turns it off). Measured: off costs 35 % of single-message and 60 % of batched ingest
        // (docs/benchmarks.md). The trade-off: after a multi-statement batch fails on a parameter, Npgsql can lose track
        // of the connection's prepared statements and fail the next batch on it with "Received unexpected backend
        // message" (issue 12, finding 6; FailedBatchTenancyTests). Npgsql 10.0.3 alone shows it (a batch of two
        // row-returning statements whose second fails at Bind: 3 in the first 15 of 3,000 batches on one connection with
        // 200 slots, about 200 with 3; npgsql/npgsql#6391 is of the same family). Npgsql then discards the connection, so
        // it never serves another tenant's request, but one unrelated request fails.
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!named.ContainsKey("Max Auto Prepare") && !named.ContainsKey("MaxAutoPrepare"))
        {
            connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 200, AutoPrepareMinUsages = 2 }.ConnectionString;
        }

        // The identity schema first: Data Protection keys and credentials live there.
        services.AddHostedService<AuthSchemaMigrator>();
        services.AddDbContext<AuthDbContext>(options => AuthStore.Configure(options, connectionString));
        services.AddDataProtection()
            .SetApplicationName("PesanAI")
            .PersistKeysToDbContext<AuthDbContext>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<TokenSigningKeys>();
        services.AddSingleton(_ => new TokenEntries(connectionString));
        services.AddScoped<ICredentialStore, OpenIddictCredentialStore>();
        services.AddSingleton<TokenPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenPruner>());
        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<AuthDbContext>();
                options.ReplaceApplicationManager(typeof(EqualCostApplicationManager<>));
            });

        services.AddEventStore(connectionString);

        // PostgreSQL behind Application's ports. The classifier is ambient (see StoreFailureClassifier).
        StoreFailureClassifier.Install(new PostgresFailureClassifier());
        services.AddSingleton<ITransactionLocks, PostgresTransactionLocks>();
        services.AddSingleton<ILeases, PostgresLeases>();
        services.AddSingleton<IInboundQueue, PostgresInboundQueue>();
        services.AddSingleton<IPhoneNumberDirectory, PhoneNumberDirectory>();
        services.AddSingleton<WhatsApp.Webhooks.WebhookVerifier>();
        services.AddSingleton<EmbeddedKnowledgeResponder>();
        services.AddSingleton<IKnowledgeResponder>(sp => sp.GetRequiredService<EmbeddedKnowledgeResponder>());
        services.AddSingleton<IKnowledgeRetriever>(sp => sp.GetRequiredService<EmbeddedKnowledgeResponder>());
        services.AddSingleton<Application.Automation.IAiResponder, AiResponder>();
        services.AddSettings<AiOptions>();
        services.AddHttpClient(AiResponder.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => ProviderNetworkGuard.Handler(sp.GetRequiredService<IOptions<AiOptions>>().Value.AllowPrivateNetworks));
        services.AddSending();
        services.AddMediaFetching();
        services.AddMediaStore();
        services.AddRetentionPurge();
        services.AddSingleton(sp => new Application.Automation.AutomationOptions(
            TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<AiOptions>>().Value.QuietMilliseconds)));
        return services;
    }

    /// <summary>Inbound media: Meta's media API behind a connection guard, the list of fetches and the worker.</summary>
    private static void AddMediaFetching(this IServiceCollection services)
    {
        services.AddSettings<MediaFetchOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaFetchOptions>>().Value);
        services.AddSingleton(sp => MediaFetchSettings.Default with
        {
            RetryBase = TimeSpan.FromSeconds(sp.GetRequiredService<MediaFetchOptions>().RetryBaseSeconds),
        });
        services.AddHttpClient(GraphMediaClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => GraphMediaClient.Handler(sp.GetRequiredService<GraphApiOptions>(), sp.GetRequiredService<MediaFetchOptions>()));
        services.AddSingleton<IWhatsAppMedia, GraphMediaClient>();
        services.AddSingleton<IMediaFetchQueue, PostgresMediaFetchQueue>();
        services.AddHostedService<MediaFetchWorker>();
        services.AddHostedService<MediaErasureSweep>();
        services.AddTenantDeletion();
    }

    /// <summary>Meta's Graph API (no retry handler: see GraphApiSender) and the outbox dispatcher.</summary>
    private static void AddSending(this IServiceCollection services)
    {
        services.AddSettings<GraphApiOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GraphApiOptions>>().Value);
        services.AddHttpClient<IWhatsAppSender, GraphApiSender>((sp, client) => client.Timeout = sp.GetRequiredService<GraphApiOptions>().Timeout);
        services.AddHttpClient<IWhatsAppNumbers, GraphNumberClient>((sp, client) => client.Timeout = sp.GetRequiredService<GraphApiOptions>().Timeout);

        services.AddSettings<DispatchOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DispatchOptions>>().Value);
        services.AddSingleton(new DispatchSettings());
        services.AddSingleton<DispatchQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<DispatchQueue>());
        services.AddHostedService<OutboxRecovery>();
    }
}
