using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record RemovePhoneNumber(string TenantId, string PhoneNumberId, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(Check.Digits("phone_number_id", PhoneNumberId, 32));
}

public sealed class RemovePhoneNumberHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<RemovePhoneNumber, Tenant>
{
    public async ValueTask<Tenant> Handle(RemovePhoneNumber command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        session.Delete<PhoneNumberClaim>(command.PhoneNumberId);
        return await TenantStream.Update(
            session,
            TenantScope.Resolve(actor, command.TenantId),
            command.ExpectedVersion,
            tenant => TenantDecider.RemovePhoneNumber(tenant, command.PhoneNumberId, clock.GetUtcNow()),
            cancellationToken);
    }
}
