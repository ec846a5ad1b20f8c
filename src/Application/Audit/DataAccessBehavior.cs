using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Audit;

namespace PesanAI.Application.Audit;

/// <summary>
/// Records a <see cref="DataAccessed"/> event in the tenant's access stream for every personal-data read,
/// committed before the data goes back; if it cannot be recorded, the read fails.
/// </summary>
public sealed class DataAccessBehavior<TMessage, TResponse>(IDocumentStore store, ICurrentActor actor, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(message, cancellationToken);
        if (message is IPersonalDataRead<TResponse> read)
        {
            var access = read.DescribeAccess(result);
            await using var session = store.LightweightSession(access.TenantId.ToString());
            ActorStamp.Apply(session, actor);
            session.Events.Append(AccessStream.For(access.TenantId), new DataAccessed(
                access.TenantId,
                actor.CredentialId,
                actor.MemberId,
                actor.Role?.ToString().ToLowerInvariant(),
                actor.Operation,
                access.ResourceType,
                access.ResourceIds,
                actor.Purpose,
                actor.ClientAddress,
                clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}
