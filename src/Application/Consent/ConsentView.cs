using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Consent;

/// <summary>A customer's consent as the API shows it; <see cref="Record"/> is null while the ledger is empty.</summary>
public sealed record ConsentView(Guid TenantId, Guid CustomerId, CustomerIdentity Customer, ConsentRecord? Record)
{
    /// <summary>The names the request used, completed from the ledger.</summary>
    public static ConsentView Of(Guid tenantId, Guid customerId, CustomerName named, ConsentRecord? record)
    {
        ArgumentNullException.ThrowIfNull(named);
        var asked = named.ToIdentity();
        var known = record?.Customer;
        return new ConsentView(tenantId, customerId, new CustomerIdentity(asked.WaId ?? known?.WaId, asked.UserId ?? known?.UserId), record);
    }
}
