using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

/// <summary>A customer's current consent per purpose, with the statement that decided each. NOT_FOUND for a customer the tenant does not know.</summary>
public sealed record GetConsent(CustomerName Customer) : IQuery<ConsentView>, IValidatable, IPersonalDataRead<ConsentView>
{
    public IEnumerable<FieldViolation> Validate() => Customer.Validate();

    public DataAccess DescribeAccess(ConsentView result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "consent", [result.CustomerId.ToString()]);
    }
}

public sealed class GetConsentHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<GetConsent, ConsentView>
{
    public async ValueTask<ConsentView> Handle(GetConsent query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        var customerId = await query.Customer.FindAsync(session, cancellationToken);
        var record = await session.LoadAsync<ConsentRecord>(customerId, cancellationToken);
        return ConsentView.Of(tenantId, customerId, query.Customer, record);
    }
}
