using Marten;

namespace PesanAI.Application.Common;

/// <summary>Stamps a session so every event it writes names who caused it and within which operation.</summary>
public static class ActorStamp
{
    public const string MemberHeader = "member_id";
    public const string ActorTenantHeader = "actor_tenant_id";

    public static void Apply(IDocumentSession session, ICurrentActor actor)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(actor);
        session.LastModifiedBy = actor.CredentialId;
        session.CorrelationId = actor.CorrelationId;
        session.CausationId = actor.CausationId;
        if (actor.MemberId is { } member)
        {
            session.SetHeader(MemberHeader, member);
        }

        if (actor.TenantId is { } tenant)
        {
            session.SetHeader(ActorTenantHeader, tenant.ToString());
        }
    }
}
