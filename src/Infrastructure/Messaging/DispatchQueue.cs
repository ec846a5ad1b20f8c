using System.Collections.Concurrent;
using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Messaging;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.Messaging;

/// <summary>
/// Queued messages on their way to Meta, in memory: the outbox itself is the event store (MessageQueued), which the
/// subscription and the sweep (<see cref="OutboxRecovery"/>) feed in here. One lane per (number, customer) keeps a
/// customer's messages in the order they were queued, one at a time; lanes take turns on the workers, under each
/// number's token bucket and each customer's pair limit. A message waiting for a retry holds its lane, not a worker.
/// </summary>
public sealed partial class DispatchQueue(
    IServiceScopeFactory scopes, DispatchOptions options, NumberThroughputs throughputs, TimeProvider clock, ILogger<DispatchQueue> logger)
    : BackgroundService
{
    private readonly Channel<Lane> _ready = Channel.CreateUnbounded<Lane>();
    private readonly ConcurrentDictionary<Guid, byte> _pending = new();
    private readonly ConcurrentDictionary<(string, string), Lane> _lanes = new();
    private readonly ConcurrentDictionary<string, TokenBucket> _numbers = new();

    /// <summary>Adds a message unless it is already waiting or in flight here.</summary>
    public void Enqueue(Guid tenantId, MessageQueued message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_pending.TryAdd(message.MessageId, 0))
        {
            return;
        }

        var key = (message.PhoneNumberId, message.Recipient);
        while (true)
        {
            var lane = _lanes.GetOrAdd(key, k => new Lane(k, new TokenBucket(1 / options.PairInterval.TotalSeconds, options.PairBurst, clock)));
            switch (lane.Add(new Work(tenantId, message)))
            {
                case Lane.Added.ToIdle:
                    _ready.Writer.TryWrite(lane);
                    return;
                case Lane.Added.ToBusy:
                    return;
                default:
                    // Emptied and retired a moment ago: replace it.
                    _lanes.TryRemove(new KeyValuePair<(string, string), Lane>(key, lane));
                    break;
            }
        }
    }

    /// <summary>Messages waiting or in flight (for health and tests).</summary>
    public int Pending => _pending.Count;

    /// <summary>Whether the message is waiting, in flight or waiting for a retry here (for tests: released means settled here).</summary>
    public bool Holds(Guid messageId) => _pending.ContainsKey(messageId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Enabled
        ? Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync(stoppingToken)))
        : Task.CompletedTask;

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var lane in _ready.Reader.ReadAllAsync(stoppingToken))
        {
            var work = lane.Head();
            var pairWait = lane.Pair.Take();
            if (pairWait > TimeSpan.Zero)
            {
                Later(lane, pairWait, stoppingToken);
                continue;
            }

            var number = NumberBucket(work.Message.PhoneNumberId);
            for (var wait = number.Take(); wait > TimeSpan.Zero; wait = number.Take())
            {
                await Task.Delay(wait, clock, stoppingToken);
            }

            var retryIn = await DispatchAsync(work, stoppingToken);
            if (retryIn is { } delay)
            {
                Later(lane, delay, stoppingToken);
            }
            else
            {
                _pending.TryRemove(work.Message.MessageId, out _);
                if (lane.Done())
                {
                    _ready.Writer.TryWrite(lane);
                }
                else
                {
                    // An idle customer holds no memory here (lanes are retired when they empty).
                    _lanes.TryRemove(new KeyValuePair<(string, string), Lane>(lane.Key, lane));
                }
            }
        }
    }

    /// <summary>
    /// The number's bucket at its rate now: <c>PESANAI_DISPATCH_RATE</c> when set, else the number's throughput level as
    /// last seen (<see cref="NumberThroughputs"/>; 80 until it is known). A changed level replaces the bucket, so the
    /// next send already goes at the new rate.
    /// </summary>
    private TokenBucket NumberBucket(string phoneNumberId)
    {
        var rate = options.PerNumberRate ?? throughputs.RateOf(phoneNumberId) ?? Domain.Tenants.NumberThroughput.Standard;
        var bucket = _numbers.GetOrAdd(phoneNumberId, _ => new TokenBucket(rate, DispatchOptions.BurstOf(rate), clock));
        if (bucket.PerSecond != rate)
        {
            var replacement = new TokenBucket(rate, DispatchOptions.BurstOf(rate), clock);
            bucket = _numbers.TryUpdate(phoneNumberId, replacement, bucket) ? replacement : _numbers[phoneNumberId];
        }

        return bucket;
    }

    /// <summary>Dispatches once; the delay after which the same message must be tried again, or null when it is settled here.</summary>
    private async Task<TimeSpan?> DispatchAsync(Work work, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchMessage(work.TenantId, work.Message), stoppingToken);
            return result.RetryAt is { } retryAt ? Max(retryAt - clock.GetUtcNow(), TimeSpan.Zero) : null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            // The store failed around the attempt: the message keeps its recorded state, so trying again later is
            // safe (an attempt without an outcome becomes in doubt, never a second send).
            LogDispatchFailed(ex, work.Message.MessageId);
            return TimeSpan.FromSeconds(5);
        }
    }

    private void Later(Lane lane, TimeSpan delay, CancellationToken stoppingToken) =>
        _ = Task.Delay(Max(delay, TimeSpan.Zero), clock, stoppingToken)
            .ContinueWith(_ => _ready.Writer.TryWrite(lane), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch of message {MessageId} failed in the store; it is tried again")]
    private partial void LogDispatchFailed(Exception exception, Guid messageId);

    private sealed record Work(Guid TenantId, MessageQueued Message);

    /// <summary>One customer of one number: its messages in queue order; on the ready channel at most once.</summary>
    private sealed class Lane((string, string) key, TokenBucket pair)
    {
        private readonly Lock _gate = new();
        private readonly Queue<Work> _work = new();
        private bool _retired;

        public enum Added
        {
            ToIdle,
            ToBusy,
            Retired,
        }

        public (string, string) Key { get; } = key;

        public TokenBucket Pair { get; } = pair;

        /// <summary>Adds, unless the lane was retired; ToIdle: it must be put on the ready channel.</summary>
        public Added Add(Work work)
        {
            lock (_gate)
            {
                if (_retired)
                {
                    return Added.Retired;
                }

                _work.Enqueue(work);
                return _work.Count == 1 ? Added.ToIdle : Added.ToBusy;
            }
        }

        public Work Head()
        {
            lock (_gate)
            {
                return _work.Peek();
            }
        }

        /// <summary>Drops the head; true when more are waiting (the lane goes back on the ready channel), else it retires.</summary>
        public bool Done()
        {
            lock (_gate)
            {
                _work.Dequeue();
                _retired = _work.Count == 0;
                return !_retired;
            }
        }
    }
}
