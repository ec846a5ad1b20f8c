using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

public sealed record UpdateBusinessProfile(string TenantId, BusinessProfile? Profile, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(TenantChecks.Profile("business_profile", Profile));
}

public sealed class UpdateBusinessProfileHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<UpdateBusinessProfile, Tenant>
{
    public async ValueTask<Tenant> Handle(UpdateBusinessProfile command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await TenantStream.Update(
            session,
            TenantScope.Resolve(actor, command.TenantId),
            command.ExpectedVersion,
            tenant => TenantDecider.UpdateBusinessProfile(tenant, command.Profile!, clock.GetUtcNow()),
            cancellationToken);
    }
}
