using Marten;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Opens Marten sessions that stamp every event with who caused it: the credential (user name column),
/// the member (header), the call's correlation and causation ids.
/// </summary>
public sealed class ActorSessionFactory(IDocumentStore store, ICurrentActor actor) : ISessionFactory
{
    public const string MemberHeader = "member_id";
    public const string TenantHeader = "actor_tenant_id";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = actor.CredentialId;
        session.CorrelationId = actor.CorrelationId;
        session.CausationId = actor.CausationId;
        if (actor.MemberId is { } member)
        {
            session.SetHeader(MemberHeader, member);
        }

        if (actor.TenantId is { } tenant)
        {
            session.SetHeader(TenantHeader, tenant.ToString());
        }

        return session;
    }
}
