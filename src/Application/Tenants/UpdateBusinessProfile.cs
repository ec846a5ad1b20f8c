using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record UpdateBusinessProfile(string TenantId, BusinessProfile? Profile, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.Id("tenant_id", TenantId).Concat(TenantRules.Profile("business_profile", Profile));
}

public sealed class UpdateBusinessProfileHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<UpdateBusinessProfile, Tenant>
{
    public async ValueTask<Tenant> Handle(UpdateBusinessProfile command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await TenantStream.Update(
            session,
            Guid.Parse(command.TenantId),
            command.ExpectedVersion,
            tenant => TenantDecider.UpdateBusinessProfile(tenant, command.Profile!, clock.GetUtcNow()),
            cancellationToken);
    }
}
