using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record TenantPage(IReadOnlyList<Tenant> Tenants, string NextPageToken);

public sealed record ListTenants(int PageSize, string? PageToken) : IQuery<TenantPage>, IValidatable
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate() =>
        Check.PageSize(PageSize, MaxPageSize).Concat(Check.PageToken(PageToken));
}

public sealed class ListTenantsHandler(IQuerySession session) : IQueryHandler<ListTenants, TenantPage>
{
    public async ValueTask<TenantPage> Handle(ListTenants query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListTenants.DefaultPageSize : query.PageSize;

        // One row more than asked tells whether another page exists.
        var rows = await session.Query<Tenant>()
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip(offset).Take(size + 1)
            .ToListAsync(cancellationToken);
        var next = rows.Count > size ? PageToken.Encode(offset + size) : string.Empty;
        return new TenantPage(rows.Take(size).ToList(), next);
    }
}
