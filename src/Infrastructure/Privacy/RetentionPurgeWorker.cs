using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PesanAI.Application.Common;
using PesanAI.Application.Privacy;
using PesanAI.Infrastructure.Persistence;

namespace PesanAI.Infrastructure.Privacy;

/// <summary>
/// Applies every tenant's retention policy once per <see cref="RetentionOptions.Interval"/>, first one interval after
/// start-up, on one node at a time: each pass runs under a lease (a node that finds it held skips the pass).
/// </summary>
public sealed partial class RetentionPurgeWorker(
    RetentionPurge purge, ILeases leases, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionPurgeWorker> logger) : BackgroundService
{
    private static readonly long LeaseKey = BitConverter.ToInt64(SHA256.HashData("pesanai:retention-purge"u8), 0);

    /// <summary>One pass at the clock's now; null when another node (or pass) holds the lease.</summary>
    public async Task<PurgeReport?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryTakeAsync(LeaseKey, cancellationToken);
        if (lease is null)
        {
            return null;
        }

        var report = await purge.RunAsync(clock.GetUtcNow(), cancellationToken);
        if (report.Purges.Count > 0)
        {
            LogPurged(report.Purges.Count, report.Purges.Sum(p => p.Count));
        }

        return report;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPurgeFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {Purges} purges removed {Items} items")]
    private partial void LogPurged(int purges, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention purge failed; trying again at the next interval")]
    private partial void LogPurgeFailed(Exception exception);
}

public static class RetentionSetup
{
    /// <summary>The purge (Application), its storage (PostgreSQL) and the worker that runs it.</summary>
    public static IServiceCollection AddRetentionPurge(this IServiceCollection services)
    {
        services.AddSettings<RetentionOptions>();
        services.AddSingleton<IPurgeStore, PostgresPurgeStore>();
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton<RetentionPurgeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPurgeWorker>());
        return services;
    }
}
