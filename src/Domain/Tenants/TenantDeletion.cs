using PesanAI.Domain.Common;

namespace PesanAI.Domain.Tenants;

/// <summary>
/// The business asked to leave: everything of the tenant is deleted at <see cref="DeleteAfter"/> unless the request
/// is cancelled first. The tenant is suspended from the request on.
/// </summary>
public sealed record TenantDeletionRequested(Guid TenantId, string RequestedBy, string? Reason, DateTimeOffset RequestedAt, DateTimeOffset DeleteAfter) : ITenantEvent;

/// <summary>The request was withdrawn within its grace period; the tenant is active again if the request suspended it.</summary>
public sealed record TenantDeletionCancelled(Guid TenantId, string CancelledBy, DateTimeOffset CancelledAt) : ITenantEvent;

/// <summary>A deletion waiting for its grace period to end. <see cref="SuspendedIt"/>: the tenant was active before.</summary>
public sealed record PendingDeletion(string RequestedBy, string? Reason, DateTimeOffset RequestedAt, DateTimeOffset DeleteAfter, bool SuspendedIt);

/// <summary>Pure decisions about a tenant's deletion: (state, command, now) -> events.</summary>
public static class TenantDeletionDecider
{
    public const string SuspensionReason = "deletion requested";

    /// <summary>Schedules the deletion <paramref name="grace"/> from now and suspends the tenant; a repeat changes nothing.</summary>
    public static IReadOnlyList<object> Request(Tenant state, string requestedBy, string? reason, TimeSpan grace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Deletion is not null)
        {
            return [];
        }

        var requested = new TenantDeletionRequested(state.Id, requestedBy, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now, now + grace);
        return state.Status == TenantStatus.Active ? [requested, new TenantSuspended(state.Id, SuspensionReason, now)] : [requested];
    }

    /// <summary>Withdraws the request while its grace period runs; reactivates the tenant if the request suspended it.</summary>
    public static IReadOnlyList<object> Cancel(Tenant state, string cancelledBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Deletion is not { } pending)
        {
            throw new DomainException("TENANT_DELETION_NOT_SCHEDULED", "No deletion of the tenant is scheduled.");
        }

        if (now >= pending.DeleteAfter)
        {
            throw new DomainException("TENANT_DELETION_DUE", "The grace period is over: the deletion runs and can no longer be cancelled.");
        }

        var cancelled = new TenantDeletionCancelled(state.Id, cancelledBy, now);
        return pending.SuspendedIt && state.Status == TenantStatus.Suspended ? [cancelled, new TenantReactivated(state.Id, now)] : [cancelled];
    }
}
