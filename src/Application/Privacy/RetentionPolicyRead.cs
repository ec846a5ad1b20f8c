using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

/// <summary>The caller's tenant, for its retention policy (<see cref="Tenant.Retention"/>) and version. Tenant callers only.</summary>
public sealed record GetRetentionPolicy : IQuery<Tenant>;

public sealed class GetRetentionPolicyHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<GetRetentionPolicy, Tenant>
{
    public async ValueTask<Tenant> Handle(GetRetentionPolicy query, CancellationToken cancellationToken) =>
        await TenantStream.Load(session, TenantOwned.TenantOf(actor), cancellationToken);
}
