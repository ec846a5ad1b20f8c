using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Consent;

/// <summary>The caller's tenant, for its consent keywords and confirmations (<see cref="Tenant.ConsentKeywords"/>) and version.</summary>
public sealed record GetConsentSettings : IQuery<Tenant>;

public sealed class GetConsentSettingsHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<GetConsentSettings, Tenant>
{
    public async ValueTask<Tenant> Handle(GetConsentSettings query, CancellationToken cancellationToken) =>
        await TenantStream.Load(session, TenantOwned.TenantOf(actor), cancellationToken);
}
