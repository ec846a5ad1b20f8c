using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Common;
using PesanAI.Application.Inbound;
using PesanAI.Application.Team;
using PesanAI.Infrastructure.Identity;
using PesanAI.Infrastructure.Persistence;
using PesanAI.Infrastructure.Secrets;
using PesanAI.Infrastructure.WhatsApp;

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

        // Statements repeat on every webhook and call: let Npgsql prepare them (unless the operator chose otherwise).
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 200;
            builder.AutoPrepareMinUsages = 2;
            connectionString = builder.ConnectionString;
        }

        // The identity schema first: Data Protection keys and credentials live there.
        services.AddHostedService<AuthSchemaMigrator>();
        services.AddDbContext<AuthDbContext>(options => AuthStore.Configure(options, connectionString));
        services.AddDataProtection()
            .SetApplicationName("PesanAI")
            .PersistKeysToDbContext<AuthDbContext>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<TokenSigningKeys>();
        services.AddScoped<ICredentialStore, OpenIddictCredentialStore>();
        services.AddSingleton<TokenPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenPruner>());
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<AuthDbContext>());

        services.AddEventStore(connectionString);
        services.AddSingleton<IPhoneNumberDirectory, PhoneNumberDirectory>();
        return services;
    }
}
