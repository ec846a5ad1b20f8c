using Mediator;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Services;

/// <summary>
/// pesanai.privacy.v1.PrivacyService, one partial file per concern: a customer's export and erasure
/// (<c>.Customers.cs</c>), a tenant's export and deletion (<c>.Tenants.cs</c>), retention (<c>.Retention.cs</c>).
/// </summary>
public sealed partial class PrivacyGrpcService(ISender sender) : Api.PrivacyService.PrivacyServiceBase
{
    private ISender Sender { get; } = sender;
}
