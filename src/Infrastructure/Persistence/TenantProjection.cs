using JasperFx.Events;
using Marten.Events.Aggregation;
using PesanAI.Domain.Tenants;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Keeps the Tenant snapshot document in step with its stream by calling the domain's pure Evolve
/// (an explicit override: Marten's conventional Apply methods would need Marten in the domain).
/// </summary>
public sealed class TenantProjection : SingleStreamProjection<Tenant, Guid>
{
    public TenantProjection()
    {
        foreach (var type in TenantEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override Tenant? Evolve(Tenant? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var next = (snapshot, e.Data) switch
        {
            (null, TenantCreated created) => Tenant.Start(created),
            (null, _) => null,
            (_, _) => snapshot.Evolve(e.Data),
        };
        return next is null ? null : next with { Version = e.Version };
    }
}
