using PesanAI.Application.Common;

namespace PesanAI.Application.Knowledge;

/// <summary>A knowledge base is its tenant's own: only the tenant's callers see or change it, never the platform operator.</summary>
internal static class KnowledgeAccess
{
    public static Guid TenantOf(ICurrentActor actor) =>
        actor.TenantId ?? throw new PermissionDeniedException("The knowledge base is visible only to the tenant's own callers.");
}
