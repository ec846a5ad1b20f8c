using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PesanAI.Application.Privacy;

namespace PesanAI.Infrastructure.Privacy;

public static class TenantDeletionSetup
{
    /// <summary>The deletion ledger, the purge and the job that runs due deletions (on every node; one runs them).</summary>
    public static IServiceCollection AddTenantDeletion(this IServiceCollection services)
    {
        services.AddSettings<TenantDeletionOptions>();
        services.AddSingleton(sp => new TenantDeletionSettings(sp.GetRequiredService<IOptions<TenantDeletionOptions>>().Value.Grace));
        services.AddSingleton<PostgresTenantDeletions>();
        services.AddSingleton<ITenantDeletions>(sp => sp.GetRequiredService<PostgresTenantDeletions>());
        services.AddSingleton<TenantPurge>();
        services.AddSingleton<TenantDeletionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantDeletionWorker>());
        return services;
    }
}
