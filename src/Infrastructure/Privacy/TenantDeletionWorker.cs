using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Privacy;

/// <summary>
/// Runs due tenant deletions. Every node looks; the one that holds the lease (a PostgreSQL advisory lock, lost with the
/// process) runs them, one at a time. A deletion is marked running before its first row goes (from then on it can no
/// longer be cancelled) and completed after its last; one interrupted in between is run again from the start, which
/// deletes only what is left. It runs twice, <see cref="SweepAfter"/> apart: a webhook or a media fetch that another
/// node routed by its cached copy of the tenant's numbers or key while the first pass ran is swept by the second.
/// </summary>
public sealed partial class TenantDeletionWorker(
    PostgresTenantDeletions deletions,
    TenantPurge purge,
    ILeases leases,
    IOptions<TenantDeletionOptions> options,
    TimeProvider clock,
    ILogger<TenantDeletionWorker> logger) : BackgroundService
{
    /// <summary>Longer than any node keeps a tenant's number routes or media key cached (30 s).</summary>
    public static readonly TimeSpan SweepAfter = TimeSpan.FromMinutes(1);

    private static readonly long LeaseKey = BitConverter.ToInt64(SHA256.HashData("pesanai:tenant-deletion"u8), 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(ex);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Runs every deletion pass due now, if this node holds the lease; the number of deletions completed.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var due = await deletions.DueAsync(clock.GetUtcNow(), cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        await using var lease = await leases.TryTakeAsync(LeaseKey, cancellationToken);
        if (lease is null)
        {
            return 0;   // another node runs them
        }

        var run = 0;
        foreach (var (tenantId, passes) in await deletions.DueAsync(clock.GetUtcNow(), cancellationToken))
        {
            if (!await deletions.StartAsync(tenantId, cancellationToken))
            {
                continue;   // cancelled meanwhile
            }

            await purge.RunAsync(tenantId, cancellationToken);
            if (passes == 0)
            {
                await deletions.PassedAsync(tenantId, clock.GetUtcNow() + SweepAfter, cancellationToken);
                continue;
            }

            await deletions.CompleteAsync(tenantId, clock.GetUtcNow(), cancellationToken);
            LogCompleted();
            run++;
        }

        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A tenant's deletion completed")]
    private partial void LogCompleted();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running due tenant deletions failed; tried again at the next poll")]
    private partial void LogRunFailed(Exception exception);
}
