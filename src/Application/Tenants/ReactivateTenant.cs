using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record ReactivateTenant(string Id, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("id", Id);
}

public sealed class ReactivateTenantHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<ReactivateTenant, Tenant>
{
    public async ValueTask<Tenant> Handle(ReactivateTenant command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await TenantStream.Update(
            session,
            Guid.Parse(command.Id),
            command.ExpectedVersion,
            tenant => TenantDecider.Reactivate(tenant, clock.GetUtcNow()),
            cancellationToken);
    }
}
