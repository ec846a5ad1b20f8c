using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

/// <summary>
/// Schedules the tenant's deletion after the grace period and suspends it at once; a repeat returns the same schedule.
/// The tenant is always named, also by its owner.
/// </summary>
public sealed record DeleteTenant(string TenantId, string? Reason) : ICommand<TenantDeletionRecord>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("tenant_id", TenantId).Concat(Check.MaxLength("reason", Reason, 500));
}

public sealed class DeleteTenantHandler(
    IDocumentSession session,
    ICurrentActor actor,
    TimeProvider clock,
    TenantDeletionSettings settings,
    ITenantDeletions deletions) : ICommandHandler<DeleteTenant, TenantDeletionRecord>
{
    public async ValueTask<TenantDeletionRecord> Handle(DeleteTenant command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwnerScope.Resolve(actor, command.TenantId);

        // Named even by the owner (whose token says which tenant): an empty request deletes nothing. Checked after the
        // caller's right, so that whoever may not delete learns nothing else.
        if (string.IsNullOrEmpty(command.TenantId))
        {
            throw new ValidationException([new FieldViolation("tenant_id", "is required: name the tenant to delete")]);
        }

        var stream = await TenantStream.Fetch(session, tenantId, null, cancellationToken);
        var events = TenantDeletionDecider.Request(stream.Aggregate!, actor.CredentialId, command.Reason, settings.Grace, clock.GetUtcNow());
        if (events.OfType<TenantDeletionRequested>().FirstOrDefault() is { } requested)
        {
            deletions.Schedule(session, requested);
        }

        var tenant = await TenantStream.Commit(session, stream, events, cancellationToken);
        var pending = tenant.Deletion!;
        return new TenantDeletionRecord(tenantId, TenantDeletionState.Scheduled, pending.RequestedAt, pending.DeleteAfter, pending.RequestedBy, pending.Reason);
    }
}
