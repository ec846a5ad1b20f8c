using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

/// <summary>Who may act on which member or credential.</summary>
public static class TeamAuthority
{
    /// <summary>
    /// The one rule for every member and credential operation (add, change role, remove, create, rotate,
    /// revoke): only owners (and the operator) act on owners, and a caller never acts on a member or
    /// credential that holds, or would hold, a scope the caller's token lacks. Whoever could manage such a
    /// target could take its secret or its role and so rise above itself.
    /// </summary>
    public static void EnsureMayActOn(ICurrentActor actor, TeamTarget target)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        if (actor.IsOperator)
        {
            return;
        }

        if (target.Role == MemberRole.Owner && actor.Role != MemberRole.Owner)
        {
            throw new PermissionDeniedException($"Only owners act on {target.What} of an owner.");
        }

        if (target.Scopes.FirstOrDefault(s => !actor.Scopes.Contains(s)) is { } excess)
        {
            throw new PermissionDeniedException($"The caller does not hold '{excess}' and cannot act on {target.What} that holds it.");
        }
    }
}
