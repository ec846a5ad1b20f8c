using Mediator;

namespace PesanAI.Application.Inbound;

/// <summary>
/// Queued webhooks in arrival order, ingested together: first merged into one run (one transaction per tenant, split
/// only by size), and only when that run fails or parks anything, each on its own, so that what cannot be stored is
/// parked under the webhook it came in and one poison webhook never holds back the others. Alone, a webhook that fails
/// gets a <see cref="IngestOutcome.Failure"/> (the processor tries it again later, then parks it); after a transient
/// failure the ones behind it get no outcome at all (the store may be down: they stay pending as they were).
/// </summary>
public sealed record IngestWebhookBatch(IReadOnlyList<IngestWebhook> Webhooks) : ICommand<IngestBatchResult>
{
    public override string ToString() => $"IngestWebhookBatch {{ Webhooks = {Webhooks.Count} }}";
}

/// <summary>Per webhook run: processed (perhaps with parked items), or failed with a reason to be tried again later.</summary>
public sealed record IngestOutcome(Guid RawWebhookId, bool Parked, string? Failure);

public sealed record IngestBatchResult(IReadOnlyList<IngestOutcome> Outcomes, int Stored, int Duplicates, int StatusesApplied)
{
    /// <summary>What the processor redacts from the bodies once settled: items of erased customers (<see cref="IngestResult.Erased"/>).</summary>
    public IReadOnlyList<string> Erased { get; init; } = [];
}

public sealed class IngestWebhookBatchHandler(InboundIngest ingest) : ICommandHandler<IngestWebhookBatch, IngestBatchResult>
{
    public async ValueTask<IngestBatchResult> Handle(IngestWebhookBatch command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var webhooks = command.Webhooks;
        if (webhooks.Count == 0)
        {
            return new([], 0, 0, 0);
        }

        if (webhooks.Count > 1)
        {
            try
            {
                var merged = await ingest.RunAsync(InboundIngest.Merge(webhooks), cancellationToken);
                if (merged.Parked.Count == 0)
                {
                    return new([.. webhooks.Select(w => new IngestOutcome(w.Raw.Id, false, null))], merged.Stored, merged.Duplicates, merged.StatusesApplied)
                    {
                        Erased = merged.Erased,
                    };
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // One of them cannot go in (or not now): each on its own finds which (what the merged run committed is
                // found again). A store that is down fails the first one, and the loop below stops there.
            }
        }

        var outcomes = new List<IngestOutcome>(webhooks.Count);
        int stored = 0, duplicates = 0, statuses = 0;
        var erased = new List<string>();
        foreach (var webhook in webhooks)
        {
            try
            {
                var result = await ingest.RunOrParkAsync(webhook, cancellationToken);
                outcomes.Add(new IngestOutcome(webhook.Raw.Id, result.Parked.Count > 0, null));
                (stored, duplicates, statuses) = (stored + result.Stored, duplicates + result.Duplicates, statuses + result.StatusesApplied);
                erased.AddRange(result.Erased);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new IngestOutcome(webhook.Raw.Id, false, StoreFailures.Reason(ex)));
                if (StoreFailures.IsTransient(ex))
                {
                    break;
                }
            }
        }

        return new(outcomes, stored, duplicates, statuses) { Erased = erased };
    }
}
