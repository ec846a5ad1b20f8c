using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Automation;

/// <summary>The caller's tenant, for its AI settings (<see cref="Tenant.Ai"/>) and version. The API key is never returned.</summary>
public sealed record GetAiSettings : IQuery<Tenant>;

public sealed class GetAiSettingsHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<GetAiSettings, Tenant>
{
    public async ValueTask<Tenant> Handle(GetAiSettings query, CancellationToken cancellationToken) =>
        await TenantStream.Load(session, TenantOwned.TenantOf(actor), cancellationToken);
}
