using System.Linq.Expressions;
using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

public sealed record ConsentCustomerPage(Guid TenantId, IReadOnlyList<ConsentRecord> Customers, string NextPageToken);

/// <summary>
/// The customers in the tenant's consent ledger (those with at least one statement), most recently changed first,
/// optionally only those whose <see cref="Purpose"/> is at <see cref="Status"/> (None: no statement about that purpose).
/// </summary>
public sealed record ListCustomers(ConsentPurpose? Purpose, ConsentStatus? Status, int PageSize, string? PageToken)
    : IQuery<ConsentCustomerPage>, IValidatable, IPersonalDataRead<ConsentCustomerPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate()
    {
        var filter = Status is not null && Purpose is null
            ? [new FieldViolation("purpose", "is required when status is set")]
            : Enumerable.Empty<FieldViolation>();
        return filter.Concat(Check.PageSize(PageSize, MaxPageSize)).Concat(Check.PageToken(PageToken));
    }

    public DataAccess DescribeAccess(ConsentCustomerPage result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "consent", [.. result.Customers.Select(c => c.CustomerId.ToString())]);
    }
}

public sealed class ListCustomersHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<ListCustomers, ConsentCustomerPage>
{
    public async ValueTask<ConsentCustomerPage> Handle(ListCustomers query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListCustomers.DefaultPageSize : query.PageSize;

        // The session is the caller's tenant's: Marten adds the tenant filter to every query.
        var records = session.Query<ConsentRecord>().AsQueryable();
        if (query.Purpose is { } purpose && query.Status is { } status)
        {
            records = records.Where(Having(purpose, status));
        }

        var rows = await records
            .OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.CustomerId)
            .Skip(offset).Take(size + 1)
            .ToListAsync(cancellationToken);
        var next = rows.Count > size ? PageToken.Encode(offset + size) : string.Empty;
        return new ConsentCustomerPage(tenantId, [.. rows.Take(size)], next);
    }

    /// <summary>Spelled out per purpose: Marten translates member access, not a purpose looked up at run time.</summary>
    private static Expression<Func<ConsentRecord, bool>> Having(ConsentPurpose purpose, ConsentStatus status) => (purpose, status) switch
    {
        (ConsentPurpose.Marketing, ConsentStatus.None) => r => r.Marketing == null,
        (ConsentPurpose.Marketing, _) => r => r.Marketing!.Status == status,
        (ConsentPurpose.Utility, ConsentStatus.None) => r => r.Utility == null,
        (ConsentPurpose.Utility, _) => r => r.Utility!.Status == status,
        (ConsentPurpose.Automation, ConsentStatus.None) => r => r.Automation == null,
        (ConsentPurpose.Automation, _) => r => r.Automation!.Status == status,
        _ => r => false,
    };
}
