using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record GetTenant(string Id) : IQuery<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.OptionalId("id", Id);
}

public sealed class GetTenantHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<GetTenant, Tenant>
{
    public async ValueTask<Tenant> Handle(GetTenant query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await TenantStream.Load(session, TenantScope.Resolve(actor, query.Id, "id"), cancellationToken);
    }
}
