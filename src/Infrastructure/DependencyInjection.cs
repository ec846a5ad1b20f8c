using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PesanAI.Application.Common;
using PesanAI.Application.Inbound;
using PesanAI.Application.Knowledge;
using PesanAI.Application.Messaging;
using PesanAI.Application.Team;
using PesanAI.Infrastructure.Ai;
using PesanAI.Infrastructure.Identity;
using PesanAI.Infrastructure.Messaging;
using PesanAI.Infrastructure.Persistence;
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

        // Npgsql's automatic preparation loses track of a connection's prepared statements when a batch fails (a NUL in
        // jsonb, a duplicate key): a later batch on that connection then reads another statement's results and fails with
        // "Received unexpected backend message" (FailedBatchTenancyTests). Npgsql 10.0.3 alone shows it: a batch of two
        // row-returning statements whose second fails at Bind, 3 times in the first 15 of 3,000 on one connection with 200
        // slots, about 200 with 3 slots, with or without our tenant call (npgsql/npgsql#6391, open, is of the same
        // family). So the event store's and the identity store's connections never auto-prepare, whatever the connection
        // string asks. The token-entry lookup (one read that cannot fail that way, on its own pool) keeps it.
        var lookups = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (lookups.MaxAutoPrepare == 0)
        {
            lookups.MaxAutoPrepare = 200;
            lookups.AutoPrepareMinUsages = 2;
        }

        connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 0 }.ConnectionString;

        // The identity schema first: Data Protection keys and credentials live there.
        services.AddHostedService<AuthSchemaMigrator>();
        services.AddDbContext<AuthDbContext>(options => AuthStore.Configure(options, connectionString));
        services.AddDataProtection()
            .SetApplicationName("PesanAI")
            .PersistKeysToDbContext<AuthDbContext>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<TokenSigningKeys>();
        services.AddSingleton(_ => new TokenEntries(lookups.ConnectionString));
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
        services.AddSingleton<IPhoneNumberDirectory, PhoneNumberDirectory>();
        services.AddSingleton<EmbeddedKnowledgeResponder>();
        services.AddSingleton<IKnowledgeResponder>(sp => sp.GetRequiredService<EmbeddedKnowledgeResponder>());
        services.AddSingleton<IKnowledgeRetriever>(sp => sp.GetRequiredService<EmbeddedKnowledgeResponder>());
        services.AddSingleton<Application.Automation.IAiResponder, AiResponder>();
        services.AddSettings<AiOptions>();
        services.AddHttpClient(AiResponder.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => ProviderNetworkGuard.Handler(sp.GetRequiredService<IOptions<AiOptions>>().Value.AllowPrivateNetworks));
        services.AddSending();
        services.AddSingleton(sp => new Application.Automation.AutomationOptions(
            TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<AiOptions>>().Value.QuietMilliseconds)));
        services.AddScoped<Application.Automation.ReplyToCustomer>();
        return services;
    }

    /// <summary>Meta's Graph API (no retry handler: see GraphApiSender) and the outbox dispatcher.</summary>
    private static void AddSending(this IServiceCollection services)
    {
        services.AddSettings<GraphApiOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GraphApiOptions>>().Value);
        services.AddHttpClient<IWhatsAppSender, GraphApiSender>((sp, client) => client.Timeout = sp.GetRequiredService<GraphApiOptions>().Timeout);

        services.AddSettings<DispatchOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DispatchOptions>>().Value);
        services.AddSingleton(new DispatchSettings());
        services.AddScoped<OutboxDispatch>();
        services.AddSingleton<DispatchQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<DispatchQueue>());
        services.AddHostedService<OutboxRecovery>();
    }
}
