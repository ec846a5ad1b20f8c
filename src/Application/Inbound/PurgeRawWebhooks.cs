using Marten;
using Mediator;

namespace PesanAI.Application.Inbound;

/// <summary>Deletes processed raw webhook bodies received, and parked webhooks parked, before <see cref="Before"/> (their retention ran out).</summary>
public sealed record PurgeRawWebhooks(DateTimeOffset Before) : ICommand;

public sealed class PurgeRawWebhooksHandler(IDocumentStore store, IInboundQueue queue) : ICommandHandler<PurgeRawWebhooks>
{
    public async ValueTask<Unit> Handle(PurgeRawWebhooks command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await queue.PurgeAsync(command.Before, cancellationToken);
        await using var session = store.LightweightSession();
        session.DeleteWhere<ParkedWebhook>(w => w.ParkedAt < command.Before);
        await session.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
