using System.Security.Cryptography;
using System.Text;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

public enum TenantDeletionState
{
    Scheduled,
    Cancelled,

    /// <summary>Due and being carried out (or interrupted; the next run completes it). No longer cancellable.</summary>
    Running,

    /// <summary>Done: only the record's key (a hash of the tenant id) and its times are left.</summary>
    Completed,
}

/// <summary>A tenant's deletion as the ledger keeps it. After completion the requester and reason are gone too.</summary>
public sealed record TenantDeletionRecord(
    Guid TenantId,
    TenantDeletionState State,
    DateTimeOffset RequestedAt,
    DateTimeOffset DeleteAfter,
    string? RequestedBy,
    string? Reason);

/// <summary>How long a requested deletion waits (PESANAI_TENANT_DELETION_GRACE).</summary>
public sealed record TenantDeletionSettings(TimeSpan Grace)
{
    public static TimeSpan Default { get; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Port: the ledger of tenant deletions, one row per tenant keyed by <see cref="KeyOf"/>. The schedule is written in
/// the transaction of the tenant's event; the background job reads what is due from it; after completion the row no
/// longer holds the tenant id in clear.
/// </summary>
public interface ITenantDeletions
{
    /// <summary>Queues the schedule (replacing a cancelled one) into the session's transaction.</summary>
    void Schedule(IDocumentOperations session, TenantDeletionRequested requested);

    /// <summary>Queues the cancellation of a scheduled deletion into the session's transaction.</summary>
    void Cancel(IDocumentOperations session, Guid tenantId, DateTimeOffset cancelledAt);

    Task<TenantDeletionRecord?> FindAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The row's key: a hash of the tenant id, so that a completed deletion can be answered without keeping it.</summary>
    static string KeyOf(Guid tenantId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("pesanai:tenant-deletion:" + tenantId.ToString("D"))));
}

/// <summary>
/// Who may act on a tenant as a whole (export it, delete it): the platform operator (naming it) or the tenant's owner
/// (its own; the id may be empty). An admin or an application credential of the tenant may not, whatever its scopes.
/// </summary>
public static class TenantOwnerScope
{
    public static Guid Resolve(ICurrentActor actor, string? requestedTenantId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOperator && actor.TenantId is not null && actor.Role != MemberRole.Owner)
        {
            throw new PermissionDeniedException("Only the tenant's owner (or the platform operator) may export or delete the tenant.");
        }

        return TenantScope.Resolve(actor, requestedTenantId);
    }
}
