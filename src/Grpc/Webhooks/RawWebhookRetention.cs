using Mediator;
using Microsoft.Extensions.Options;
using PesanAI.Application.Inbound;

namespace PesanAI.Host.Webhooks;

/// <summary>
/// Hourly, deletes raw webhook bodies older than the platform's retention (PESANAI_RAW_WEBHOOK_RETENTION_DAYS, default
/// 30): the longest any body is kept. A tenant's retention policy may shorten it for its own (the retention purge).
/// </summary>
public sealed partial class RawWebhookRetention(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<RawWebhookRetention> logger)
    : BackgroundService
{
    public TimeSpan Retention => TimeSpan.FromDays(options.Value.RawWebhookRetentionDays);

    public async Task PurgeOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeRawWebhooks(clock.GetUtcNow() - Retention), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging raw webhooks failed; trying again in an hour")]
    private partial void LogPurgeFailed(Exception exception);
}
