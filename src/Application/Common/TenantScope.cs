namespace PesanAI.Application.Common;

/// <summary>
/// Which tenant a call acts on: the token's tenant for a tenant's callers (a request may repeat it, and any
/// other id answers NOT_FOUND exactly like an id that does not exist); the named tenant for the operator.
/// </summary>
public static class TenantScope
{
    public static Guid Resolve(ICurrentActor actor, string? requestedTenantId, string field = "tenant_id")
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.TenantId is { } own)
        {
            if (string.IsNullOrEmpty(requestedTenantId) || (Guid.TryParse(requestedTenantId, out var requested) && requested == own))
            {
                return own;
            }

            throw new NotFoundException("tenant", requestedTenantId);
        }

        if (!actor.IsOperator)
        {
            throw new PermissionDeniedException("The credential is bound to no tenant.");
        }

        if (string.IsNullOrEmpty(requestedTenantId))
        {
            throw new ValidationException([new FieldViolation(field, "is required when the platform operator calls")]);
        }

        return Guid.Parse(requestedTenantId);
    }
}
