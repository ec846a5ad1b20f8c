using Marten;
using Mediator;

namespace PesanAI.Application.Inbound;

/// <summary>Deletes raw webhook bodies received, and parked webhooks parked, before <see cref="Before"/> (their retention ran out).</summary>
public sealed record PurgeRawWebhooks(DateTimeOffset Before) : ICommand;

public sealed class PurgeRawWebhooksHandler(IDocumentStore store) : ICommandHandler<PurgeRawWebhooks>
{
    public async ValueTask<Unit> Handle(PurgeRawWebhooks command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var session = store.LightweightSession();
        session.DeleteWhere<RawWebhook>(w => w.ReceivedAt < command.Before);
        session.DeleteWhere<ParkedWebhook>(w => w.ParkedAt < command.Before);
        await session.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
