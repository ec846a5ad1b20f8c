using Marten;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Opens Marten sessions for the caller's tenant (the platform operator's on the default tenant) that stamp
/// every event with who caused it: the credential (user name column), the member (header), the call's
/// correlation and causation ids.
/// </summary>
public sealed class ActorSessionFactory(IDocumentStore store, ICurrentActor actor) : ISessionFactory
{
    public IQuerySession QuerySession() =>
        actor.TenantId is { } tenant ? store.QuerySession(tenant.ToString()) : store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = actor.TenantId is { } tenant ? store.LightweightSession(tenant.ToString()) : store.LightweightSession();
        ActorStamp.Apply(session, actor);
        return session;
    }
}
