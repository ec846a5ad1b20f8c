using PesanAI.Application.Common;

namespace PesanAI.Application.Automation;

/// <summary>AI settings are the tenant's own: only its callers see or change them, never the platform operator.</summary>
internal static class AiSettingsAccess
{
    public static Guid TenantOf(ICurrentActor actor) =>
        actor.TenantId ?? throw new PermissionDeniedException("AI settings are visible only to the tenant's own callers.");
}
