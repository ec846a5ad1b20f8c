using System.Collections.Concurrent;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Common;
using PesanAI.Application.Media;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// Runs the due fetches, at most <see cref="MediaFetchOptions.Concurrency"/> at once on this node, each under a lease on
/// its media id (held through the download, lost with the process), so two nodes never fetch the same file and a
/// node that dies mid-download hands it over at once. Message intake never waits for any of this.
/// </summary>
public sealed partial class MediaFetchWorker(
    IServiceScopeFactory scopes,
    IMediaFetchQueue queue,
    ILeases leases,
    MediaFetchOptions options,
    TimeProvider clock,
    ILogger<MediaFetchWorker> logger) : BackgroundService
{
    /// <summary>
    /// How often the list is read: new files are listed by the ingest on any node, so a file waits at most this long
    /// (one indexed query per interval per node), unless a finished fetch frees a slot first.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly SemaphoreSlim _slotFreed = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(ex);
            }

            try
            {
                await _slotFreed.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task StartDueAsync(CancellationToken stoppingToken)
    {
        var free = options.Concurrency - _running.Count;
        if (free <= 0)
        {
            return;
        }

        foreach (var job in await queue.DueAsync(free + _running.Count, stoppingToken))
        {
            if (_running.Count >= options.Concurrency)
            {
                break;
            }

            if (_running.ContainsKey(job.MediaId))
            {
                continue;
            }

            var lease = await leases.TryTakeAsync(LeaseKey(job.MediaId), stoppingToken);
            if (lease is null)
            {
                continue;   // another node has it
            }

            _running[job.MediaId] = RunAsync(job, lease, stoppingToken);
        }
    }

    private async Task RunAsync(MediaFetchJob job, IAsyncDisposable lease, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new FetchInboundMedia(job.TenantId, job.MediaId, job.Attempts), stoppingToken);
            if (result.RetryAt is not null)
            {
                LogRetry(job.MediaId, job.Attempts + 1, result.Reason);
            }
            else if (result.State == MediaState.Unavailable)
            {
                LogGaveUp(job.MediaId, result.Reason);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the fetch stays listed and is done after restart.
        }
        catch (Exception ex)
        {
            // Anything unforeseen (the store down, a lost race on the conversation): try again shortly.
            LogFailed(ex, job.MediaId);
            await TryRetryAsync(job, ex.GetType().Name);
        }
        finally
        {
            await lease.DisposeAsync();
            _running.TryRemove(job.MediaId, out _);
            if (_slotFreed.CurrentCount == 0)
            {
                try
                {
                    _slotFreed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another finished fetch woke the loop already.
                }
            }
        }
    }

    private async Task TryRetryAsync(MediaFetchJob job, string reason)
    {
        try
        {
            await queue.RetryAsync(job.MediaId, clock.GetUtcNow().AddSeconds(5), reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, job.MediaId);
        }
    }

    // The random half of a version 7 GUID, or any 8 bytes of a name-based one.
    private static long LeaseKey(Guid mediaId) => BitConverter.ToInt64(mediaId.ToByteArray(), 8) ^ 0x6D65646961L;

    public override void Dispose()
    {
        _slotFreed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching media {MediaId} failed; it is tried again")]
    private partial void LogFailed(Exception exception, Guid mediaId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} not fetched (attempt {Attempt}: {Reason}); tried again later")]
    private partial void LogRetry(Guid mediaId, int attempt, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId} could not be kept: {Reason}")]
    private partial void LogGaveUp(Guid mediaId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the due media fetches failed")]
    private partial void LogPollFailed(Exception exception);
}
