using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record SuspendTenant(string Id, string Reason, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.Id("id", Id).Concat(Check.Required("reason", Reason, 500));
}

public sealed class SuspendTenantHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<SuspendTenant, Tenant>
{
    public async ValueTask<Tenant> Handle(SuspendTenant command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await TenantStream.Update(
            session,
            Guid.Parse(command.Id),
            command.ExpectedVersion,
            tenant => TenantDecider.Suspend(tenant, command.Reason, clock.GetUtcNow()),
            cancellationToken);
    }
}
