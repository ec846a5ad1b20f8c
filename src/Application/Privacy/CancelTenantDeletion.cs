using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

/// <summary>Withdraws a scheduled deletion within its grace period; FAILED_PRECONDITION once it is due or done.</summary>
public sealed record CancelTenantDeletion(string TenantId) : ICommand<TenantDeletionRecord>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.OptionalId("tenant_id", TenantId);
}

public sealed class CancelTenantDeletionHandler(
    IDocumentSession session,
    ICurrentActor actor,
    TimeProvider clock,
    ITenantDeletions deletions) : ICommandHandler<CancelTenantDeletion, TenantDeletionRecord>
{
    public async ValueTask<TenantDeletionRecord> Handle(CancelTenantDeletion command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwnerScope.Resolve(actor, command.TenantId);
        var record = await deletions.FindAsync(tenantId, cancellationToken) ?? throw new NotFoundException("tenant deletion", tenantId.ToString());
        if (record.State is TenantDeletionState.Running or TenantDeletionState.Completed)
        {
            throw new DomainException("TENANT_DELETED", "The tenant's deletion ran; it can no longer be cancelled.");
        }

        var now = clock.GetUtcNow();
        var stream = await TenantStream.Fetch(session, tenantId, null, cancellationToken);
        var events = TenantDeletionDecider.Cancel(stream.Aggregate!, actor.CredentialId, now);
        deletions.Cancel(session, tenantId, now);
        await TenantStream.Commit(session, stream, events, cancellationToken);
        return record with { State = TenantDeletionState.Cancelled };
    }
}
