using PesanAI.Application.Common;

namespace PesanAI.Application.Conversations;

/// <summary>Conversations are a tenant's own: only its callers see them, never the platform operator.</summary>
internal static class ConversationAccess
{
    public static Guid TenantOf(ICurrentActor actor) =>
        actor.TenantId ?? throw new PermissionDeniedException("Conversations are visible only to the tenant's own callers.");
}
