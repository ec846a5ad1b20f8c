using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Messaging;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.Messaging;

/// <summary>
/// Queued messages on their way to Meta, in memory: the outbox itself is the event store (MessageQueued), which the
/// subscription and, after a restart, <see cref="OutboxRecovery"/> feed in here. Workers send under each number's
/// token bucket and each recipient's pair limit; retries wait for their time without holding a worker.
/// </summary>
public sealed partial class DispatchQueue(IServiceScopeFactory scopes, DispatchOptions options, TimeProvider clock, ILogger<DispatchQueue> logger)
    : BackgroundService
{
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>();
    private readonly ConcurrentDictionary<Guid, byte> _pending = new();
    private readonly ConcurrentDictionary<string, TokenBucket> _numbers = new();
    private readonly ConcurrentDictionary<(string, string), TokenBucket> _pairs = new();

    private sealed record Work(Guid TenantId, MessageQueued Message);

    /// <summary>Adds a message unless it is already waiting or in flight here.</summary>
    public void Enqueue(Guid tenantId, MessageQueued message)
    {
        if (_pending.TryAdd(message.MessageId, 0))
        {
            _work.Writer.TryWrite(new Work(tenantId, message));
        }
    }

    /// <summary>Messages waiting or in flight (for health and tests).</summary>
    public int Pending => _pending.Count;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Enabled
        ? Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync(stoppingToken)))
        : Task.CompletedTask;

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            var pairWait = Pair(work.Message).Take();
            if (pairWait > TimeSpan.Zero)
            {
                Later(work, pairWait, stoppingToken);
                continue;
            }

            for (var wait = Number(work.Message.PhoneNumberId).Take(); wait > TimeSpan.Zero; wait = Number(work.Message.PhoneNumberId).Take())
            {
                await Task.Delay(wait, clock, stoppingToken);
            }

            await DispatchAsync(work, stoppingToken);
        }
    }

    private async Task DispatchAsync(Work work, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var dispatch = scope.ServiceProvider.GetRequiredService<OutboxDispatch>();
            var result = await dispatch.DispatchAsync(work.TenantId, work.Message, stoppingToken);
            if (result.RetryAt is { } retryAt)
            {
                Later(work, retryAt - clock.GetUtcNow(), stoppingToken);
                return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The store failed around the attempt: the message keeps its recorded state, so trying again later is
            // safe (an attempt without an outcome becomes in doubt, never a second send).
            LogDispatchFailed(ex, work.Message.MessageId);
            Later(work, TimeSpan.FromSeconds(5), stoppingToken);
            return;
        }

        _pending.TryRemove(work.Message.MessageId, out _);
    }

    private void Later(Work work, TimeSpan delay, CancellationToken stoppingToken) =>
        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, clock, stoppingToken)
            .ContinueWith(t => _work.Writer.TryWrite(work), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private TokenBucket Number(string phoneNumberId) =>
        _numbers.GetOrAdd(phoneNumberId, _ => new TokenBucket(options.PerNumberRate, Math.Max(1, options.PerNumberRate), clock));

    private TokenBucket Pair(MessageQueued message) =>
        _pairs.GetOrAdd((message.PhoneNumberId, message.Recipient), _ => new TokenBucket(1 / options.PairInterval.TotalSeconds, options.PairBurst, clock));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch of message {MessageId} failed in the store; it is tried again")]
    private partial void LogDispatchFailed(Exception exception, Guid messageId);
}
