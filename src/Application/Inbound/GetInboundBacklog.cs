using Marten;
using Mediator;

namespace PesanAI.Application.Inbound;

/// <summary>The inbound line for the platform operator: the queue's backlog and lag, and the parked webhooks waiting for a replay.</summary>
public sealed record GetInboundBacklog : IQuery<InboundBacklogReport>;

/// <summary>The backlog as read at <see cref="ReadAt"/>, its lag then, and the parked webhooks not replayed yet.</summary>
public sealed record InboundBacklogReport(InboundBacklog Backlog, TimeSpan Lag, long ParkedWebhooks, DateTimeOffset ReadAt);

/// <summary>
/// Reads the queue now rather than the nodes' half-second reading: an operator asks rarely and wants the figure as
/// it is, and the parked count is one more query anyway.
/// </summary>
public sealed class GetInboundBacklogHandler(IInboundQueue queue, IDocumentStore store, TimeProvider clock) : IQueryHandler<GetInboundBacklog, InboundBacklogReport>
{
    public async ValueTask<InboundBacklogReport> Handle(GetInboundBacklog query, CancellationToken cancellationToken)
    {
        var backlog = await queue.BacklogAsync(cancellationToken);
        var readAt = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var parked = await session.Query<ParkedWebhook>().Where(w => w.ReplayedAt == null).LongCountAsync(cancellationToken);
        return new InboundBacklogReport(backlog, backlog.Lag(readAt), parked, readAt);
    }
}
