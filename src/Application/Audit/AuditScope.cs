using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Audit;

/// <summary>The audit belongs to the caller's own tenant and is read only with audit.read (owners and auditors).</summary>
internal static class AuditScope
{
    public static Guid TenantOf(ICurrentActor actor)
    {
        if (actor.TenantId is not { } tenant || !actor.Scopes.Contains(TenantScopes.AuditRead))
        {
            throw new PermissionDeniedException("Only the tenant's owners and auditors read its audit.");
        }

        return tenant;
    }
}
