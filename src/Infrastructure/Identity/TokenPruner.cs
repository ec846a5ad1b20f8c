using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace PesanAI.Infrastructure.Identity;

/// <summary>
/// Every token is stored (so a revocation takes effect on the next call); this removes entries that expired
/// or were revoked more than a day ago, hourly, so the token table does not grow without end.
/// </summary>
public sealed class TokenPruner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TokenPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public async Task<long> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        return await tokens.PruneAsync(clock.GetUtcNow() - KeepFor, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await PruneOnceAsync(stoppingToken);
                logger.LogInformation("Pruned {Count} expired or revoked token entries", pruned);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Pruning token entries failed; trying again in {Interval}", Interval);
            }
        }
    }
}
