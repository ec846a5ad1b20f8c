using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

public sealed record ListCredentials(string? TenantId) : IQuery<IReadOnlyList<Credential>>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.OptionalId("tenant_id", TenantId);
}

public sealed class ListCredentialsHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<ListCredentials, IReadOnlyList<Credential>>
{
    public async ValueTask<IReadOnlyList<Credential>> Handle(ListCredentials query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (await TenantStream.Load(session, TenantScope.Resolve(actor, query.TenantId), cancellationToken)).Credentials;
    }
}
