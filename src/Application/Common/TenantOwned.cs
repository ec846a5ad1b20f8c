namespace PesanAI.Application.Common;

/// <summary>
/// Data that is a tenant's own (conversations, messages, consent, knowledge, AI settings, templates): only the tenant's
/// callers see or change it, never the platform operator.
/// </summary>
public static class TenantOwned
{
    public static Guid TenantOf(ICurrentActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.TenantId ?? throw new PermissionDeniedException("Only the tenant's own callers see or change this, never the platform operator.");
    }
}
