using PesanAI.Application.Common;

namespace PesanAI.Application.Consent;

/// <summary>The consent ledger is a tenant's own: only its callers see or change it, never the platform operator.</summary>
internal static class ConsentAccess
{
    public static Guid TenantOf(ICurrentActor actor) =>
        actor.TenantId ?? throw new PermissionDeniedException("The consent ledger is visible only to the tenant's own callers.");
}
