using Mediator;
using PesanAI.Application.Common;

namespace PesanAI.Application.Privacy;

/// <summary>The tenant's deletion, also once completed (then the operator names the tenant: its own callers are gone).</summary>
public sealed record GetTenantDeletion(string TenantId) : IQuery<TenantDeletionRecord>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.OptionalId("tenant_id", TenantId);
}

public sealed class GetTenantDeletionHandler(ICurrentActor actor, ITenantDeletions deletions) : IQueryHandler<GetTenantDeletion, TenantDeletionRecord>
{
    public async ValueTask<TenantDeletionRecord> Handle(GetTenantDeletion query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwnerScope.Resolve(actor, query.TenantId);
        return await deletions.FindAsync(tenantId, cancellationToken) ?? throw new NotFoundException("tenant deletion", tenantId.ToString());
    }
}
