using Mediator;
using Microsoft.Extensions.Options;
using PesanAI.Application.Inbound;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Host.Webhooks;

/// <summary>
/// Turns acknowledged webhooks into events, after their 200: claims the oldest pending ones (<see cref="IInboundQueue"/>:
/// one claim at a time across every node, so arrival order holds and a node that dies hands over by losing its
/// connection), resolves each (full parse, routes as they are now, kept to what its signature covered), ingests them
/// together (<see cref="IngestWebhookBatch"/>) and settles them in the claim's transaction. A webhook that fails is
/// tried again later with a growing delay and, after <see cref="WebhookOptions.MaxAttempts"/>, parked with its reason;
/// the ones behind it flow on. A store outage settles nothing: the whole claim is tried again once the store is back.
/// Wakes when this node appends (<see cref="Nudge"/>) and polls for other nodes' appends.
/// </summary>
public sealed partial class InboundProcessor(
    IInboundQueue queue,
    WebhookVerifier verifier,
    IServiceScopeFactory scopes,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<InboundProcessor> logger) : BackgroundService
{
    /// <summary>How often an idle processor looks for webhooks appended on other nodes (and for retries that came due).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan MaxOutageDelay = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _webhooks;
    private long _stored;
    private long _duplicates;

    /// <summary>
    /// What this node's processor settled since it started: webhooks, messages stored, and messages found already
    /// stored (a redelivery by Meta, or a webhook processed again after a node died between its events and its settling).
    /// </summary>
    public (long Webhooks, long Stored, long Duplicates) Totals => (Interlocked.Read(ref _webhooks), Interlocked.Read(ref _stored), Interlocked.Read(ref _duplicates));

    /// <summary>A webhook was appended on this node: look now rather than at the next poll.</summary>
    public void Nudge()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another append woke it first.
            }
        }
    }

    /// <summary>
    /// One claim: processes up to a batch of pending webhooks and settles them. Returns how many it claimed (0 when none
    /// was due or another processor holds the claim).
    /// </summary>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var claim = await queue.ClaimAsync(settings.ProcessorBatch, cancellationToken);
        if (claim is null || claim.Webhooks.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var ingest = scope.ServiceProvider.GetRequiredService<InboundIngest>();
        var resolved = new List<(QueuedWebhook Queued, IngestWebhook Ingest)>(claim.Webhooks.Count);
        foreach (var queued in claim.Webhooks)
        {
            try
            {
                var (webhook, error) = await verifier.ResolveAsync(queued.Raw, cancellationToken);
                if (webhook is null)
                {
                    // The request checked the shape; only a parser changed since can refuse it now. No retry helps.
                    await ingest.ParkAsync(queued.Raw, [new ParkedItem(null, null, "webhook", null, "unparsable: " + error)], cancellationToken);
                    claim.Processed(queued.Raw.Id, parked: true);
                    LogParkedUnparsable(queued.Raw.Id, error!);
                    continue;
                }

                resolved.Add((queued, webhook));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StoreFailures.IsTransient(ex))
            {
                await FailAsync(claim, ingest, queued, StoreFailures.Reason(ex), cancellationToken);
            }
        }

        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var result = await sender.Send(new IngestWebhookBatch([.. resolved.Select(r => r.Ingest)]), cancellationToken);
        var byId = resolved.ToDictionary(r => r.Queued.Raw.Id, r => r.Queued);
        foreach (var outcome in result.Outcomes)
        {
            if (outcome.Failure is null)
            {
                claim.Processed(outcome.RawWebhookId, outcome.Parked);
            }
            else
            {
                await FailAsync(claim, ingest, byId[outcome.RawWebhookId], outcome.Failure, cancellationToken);
            }
        }

        await claim.CommitAsync(cancellationToken);
        if (result.Erased.Count > 0)
        {
            // A redelivery of an erased customer's items stored nothing; its body, now settled, keeps nothing either.
            await queue.RedactAsync([.. resolved.Select(r => r.Queued.Raw.Id)], result.Erased, cancellationToken);
        }

        Interlocked.Add(ref _webhooks, claim.Webhooks.Count);
        Interlocked.Add(ref _stored, result.Stored);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        return claim.Webhooks.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessorEnabled)
        {
            LogDisabled();
            return;
        }

        var outageDelay = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ProcessOnceAsync(stoppingToken);
                outageDelay = TimeSpan.Zero;
                if (claimed >= options.Value.ProcessorBatch)
                {
                    // More may be waiting: claim again at once.
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The store is unavailable (or settling failed): nothing was settled, the claim is retried whole.
                outageDelay = outageDelay == TimeSpan.Zero ? PollInterval : TimeSpan.FromTicks(Math.Min(outageDelay.Ticks * 2, MaxOutageDelay.Ticks));
                LogClaimFailed(StoreFailures.Reason(ex), outageDelay.TotalMilliseconds);
                await Task.Delay(outageDelay, clock, stoppingToken);
                continue;
            }

            await _wake.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>Tried again later, with a delay that doubles per attempt; parked once the attempts are spent.</summary>
    private async Task FailAsync(IInboundClaim claim, InboundIngest ingest, QueuedWebhook queued, string reason, CancellationToken cancellationToken)
    {
        var attempts = queued.Attempts + 1;
        if (attempts >= options.Value.MaxAttempts)
        {
            await ingest.ParkAsync(queued.Raw, [new ParkedItem(null, null, "webhook", null, $"{reason} (after {attempts} attempts)")], cancellationToken);
            claim.Processed(queued.Raw.Id, parked: true);
            LogParkedAfterAttempts(queued.Raw.Id, attempts, reason);
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts - 1), 300));
        claim.Failed(queued.Raw.Id, reason, clock.GetUtcNow() + delay);
        LogRetrying(queued.Raw.Id, attempts, reason, delay.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The ingest processor is off on this node (PESANAI_INBOUND_PROCESSOR=false): webhooks are acknowledged here and processed by another node")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest claim failed ({Reason}); nothing settled, trying again in {DelayMs} ms")]
    private partial void LogClaimFailed(string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {RawWebhookId} failed attempt {Attempt} ({Reason}); trying again in {DelaySeconds} s")]
    private partial void LogRetrying(Guid rawWebhookId, int attempt, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {RawWebhookId} parked after {Attempts} failed attempts ({Reason})")]
    private partial void LogParkedAfterAttempts(Guid rawWebhookId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {RawWebhookId} parked: it no longer parses ({Reason})")]
    private partial void LogParkedUnparsable(Guid rawWebhookId, string reason);
}
