using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.Messaging;

/// <summary>The async daemon's feed of newly queued messages into the <see cref="DispatchQueue"/> (registered for MessageQueued only).</summary>
public sealed class OutboxSubscription : SubscriptionBase
{
    private readonly DispatchQueue _queue;

    public OutboxSubscription(DispatchQueue queue)
    {
        _queue = queue;
        Name = "outbox";
        IncludeType<MessageQueued>();
    }

    public override Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var e in page.Events)
        {
            if (e.Data is MessageQueued queued && Guid.TryParse(e.TenantId, out var tenantId))
            {
                _queue.Enqueue(tenantId, queued);
            }
        }

        return Task.FromResult(NullChangeListener.Instance);
    }
}
