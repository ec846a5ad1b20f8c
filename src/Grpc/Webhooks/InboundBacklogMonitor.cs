using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PesanAI.Application.Inbound;

namespace PesanAI.Host.Webhooks;

/// <summary>
/// The ingest backlog as every node sees it, read from the queue every <see cref="RefreshInterval"/> (longer when the
/// reading itself is slow, <see cref="NextDelay"/>): what the
/// webhook endpoint's back-pressure (<see cref="IsOverloaded"/>) and the lag health check answer from, so that neither
/// costs a query per request. (The operator's GetInboundBacklog reads the queue itself: it is called rarely.)
/// </summary>
public sealed partial class InboundBacklogMonitor(IInboundQueue queue, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<InboundBacklogMonitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>A reading may take at most this share of the time between readings (of one database connection).</summary>
    public const int MaxBusyShare = 20;

    /// <summary>The longest wait between readings, however slow they are.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long a reading stays current for the health check: a few of the longest waits.</summary>
    public static readonly TimeSpan Staleness = 3 * MaxInterval;

    private volatile Snapshot? _latest;

    /// <summary>The last reading and when it was taken; null before the first.</summary>
    public Snapshot? Latest => _latest;

    /// <summary>The pending bytes passed the configured bound: the endpoint answers 503 until the processor catches up.</summary>
    public bool IsOverloaded => _latest is { } latest && latest.Backlog.PendingBytes > options.Value.MaxBacklogBytes;

    public async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = new Snapshot(await queue.BacklogAsync(cancellationToken), clock.GetUtcNow());
        _latest = snapshot;
        return snapshot;
    }

    /// <summary>
    /// The wait after a reading that took <paramref name="took"/>: <see cref="RefreshInterval"/>, or 20 times the reading
    /// when that is longer (at most <see cref="MaxInterval"/>). The reading counts every pending webhook, so a backlog
    /// of millions (after an outage, when the database has least room) would otherwise cost a database core per node.
    /// </summary>
    public static TimeSpan NextDelay(TimeSpan took) =>
        TimeSpan.FromTicks(Math.Clamp(took.Ticks * MaxBusyShare, RefreshInterval.Ticks, MaxInterval.Ticks));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = clock.GetTimestamp();
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(StoreFailures.Reason(ex));
            }

            await Task.Delay(NextDelay(clock.GetElapsedTime(started)), clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the ingest backlog failed ({Reason})")]
    private partial void LogRefreshFailed(string reason);

    /// <summary>A reading of the backlog; <see cref="Lag"/> is the age of the oldest pending webhook when it was read.</summary>
    public sealed record Snapshot(InboundBacklog Backlog, DateTimeOffset ReadAt)
    {
        public TimeSpan Lag => Backlog.Lag(ReadAt);
    }
}

/// <summary>
/// Unhealthy (gRPC: NOT_SERVING) while the processing lag (the oldest pending webhook's age) is over
/// PESANAI_INBOUND_MAX_LAG_SECONDS or the backlog over its bound, or when the backlog cannot be read. Reported only
/// under the gRPC health service <see cref="ServiceName"/>, apart from the node's own serving status (a lagging
/// processor does not stop this node from acknowledging webhooks or answering calls), with the figures as data.
/// </summary>
public sealed class InboundLagHealthCheck(InboundBacklogMonitor monitor, IOptions<WebhookOptions> options, TimeProvider clock) : IHealthCheck
{
    public const string ServiceName = "pesanai.inbound";
    public const string Tag = "inbound";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (monitor.Latest is not { } latest || clock.GetUtcNow() - latest.ReadAt > InboundBacklogMonitor.Staleness)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The ingest backlog has not been read lately (is the store available?)."));
        }

        var data = new Dictionary<string, object>
        {
            ["pending"] = latest.Backlog.Pending,
            ["pendingBytes"] = latest.Backlog.PendingBytes,
            ["lagSeconds"] = Math.Round(latest.Lag.TotalSeconds, 3),
        };
        var description = $"{latest.Backlog.Pending} webhook(s) pending, lag {latest.Lag.TotalSeconds:F1} s";
        return Task.FromResult(
            latest.Lag > TimeSpan.FromSeconds(settings.MaxLagSeconds) || latest.Backlog.PendingBytes > settings.MaxBacklogBytes
                ? HealthCheckResult.Unhealthy($"{description}: over the bound (lag {settings.MaxLagSeconds} s, {settings.MaxBacklogMegabytes} MB)", data: data)
                : HealthCheckResult.Healthy(description, data));
    }
}
