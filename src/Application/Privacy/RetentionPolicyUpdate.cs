using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

/// <summary>Replaces the caller's tenant's retention policy (a whole policy: unset periods are kept until erased).</summary>
public sealed record UpdateRetentionPolicy(RetentionPolicy? Policy, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        if (Policy is null)
        {
            yield return new FieldViolation("policy", "is required");
            yield break;
        }

        foreach (var problem in RetentionRules.Check(Policy, "policy."))
        {
            yield return new FieldViolation(problem.Field, problem.Description);
        }
    }
}

public sealed class UpdateRetentionPolicyHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock)
    : ICommandHandler<UpdateRetentionPolicy, Tenant>
{
    public async ValueTask<Tenant> Handle(UpdateRetentionPolicy command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        return await TenantStream.Update(
            session,
            tenantId,
            command.ExpectedVersion,
            tenant => RetentionDecider.Change(tenant, command.Policy!, clock.GetUtcNow()),
            cancellationToken);
    }
}
