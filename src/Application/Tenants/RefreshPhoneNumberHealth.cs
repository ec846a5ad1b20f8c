using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

/// <summary>Reads the number's quality, throughput, messaging limit and status from Meta now, and records them.</summary>
public sealed record RefreshPhoneNumberHealth(string TenantId, string PhoneNumberId) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(Check.Digits("phone_number_id", PhoneNumberId, 32));
}

public sealed class RefreshPhoneNumberHealthHandler(IDocumentSession session, ICurrentActor actor, NumberHealthCheck check)
    : ICommandHandler<RefreshPhoneNumberHealth, Tenant>
{
    public async ValueTask<Tenant> Handle(RefreshPhoneNumberHealth command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenant = await TenantStream.Load(session, TenantScope.Resolve(actor, command.TenantId), cancellationToken);
        return await check.RunAsync(session, tenant, command.PhoneNumberId, cancellationToken);
    }
}
