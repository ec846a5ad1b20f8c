using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

/// <summary>
/// Replaces the caller's tenant's retention policy (a whole policy: unset periods are kept until erased). Not
/// <see cref="IValidatable"/>: the operator, who holds privacy.manage for tenant-level calls, is refused for having no
/// tenant before the request is looked at.
/// </summary>
public sealed record UpdateRetentionPolicy(RetentionPolicy? Policy, long? ExpectedVersion) : ICommand<Tenant>
{
    public IEnumerable<FieldViolation> Violations()
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

public sealed class UpdateRetentionPolicyHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock, RetentionLimits limits)
    : ICommandHandler<UpdateRetentionPolicy, Tenant>
{
    public async ValueTask<Tenant> Handle(UpdateRetentionPolicy command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var violations = command.Violations().ToList();
        if (violations.Count == 0 && command.Policy!.WebhookBodies > limits.WebhookBodiesMax)
        {
            violations.Add(new FieldViolation(
                "policy.webhook_bodies",
                $"must be at most {limits.WebhookBodiesMax.TotalDays:0} days, the platform's retention of raw webhook bodies (a tenant may only shorten it)"));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }

        return await TenantStream.Update(
            session,
            tenantId,
            command.ExpectedVersion,
            tenant => RetentionDecider.Change(tenant, command.Policy!, clock.GetUtcNow()),
            cancellationToken);
    }
}
