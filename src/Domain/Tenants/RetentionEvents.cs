namespace PesanAI.Domain.Tenants;

/// <summary>The tenant's retention policy, replaced as a whole.</summary>
public sealed record RetentionPolicyChanged(Guid TenantId, RetentionPolicy Policy, DateTimeOffset ChangedAt) : ITenantEvent;

/// <summary>
/// A purge applied the tenant's retention to one kind of data: <see cref="Count"/> items stored before
/// <see cref="Before"/> lost their content (or were deleted). Counts only: no personal data.
/// </summary>
public sealed record RetentionPurged(Guid TenantId, RetentionKind Kind, DateTimeOffset Before, int Count, DateTimeOffset PurgedAt) : ITenantEvent;

/// <summary>Pure decisions about a tenant's retention.</summary>
public static class RetentionDecider
{
    /// <summary>Replaces the policy; the same policy again changes nothing (no events). A suspended tenant may still shorten or lengthen it.</summary>
    public static IReadOnlyList<object> Change(Tenant state, RetentionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        RetentionRules.Ensure(policy);
        return policy == state.Retention ? [] : [new RetentionPolicyChanged(state.Id, policy, now)];
    }

    /// <summary>Records a purge of one kind; nothing when nothing was purged.</summary>
    public static IReadOnlyList<object> Purged(Tenant state, RetentionKind kind, DateTimeOffset before, int count, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return count <= 0 ? [] : [new RetentionPurged(state.Id, kind, before, count, now)];
    }
}
