using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

/// <summary>Who may manage whom, and input shapes shared by the team use cases.</summary>
public static class TeamRules
{
    public static IEnumerable<FieldViolation> Role(string field, MemberRole? role)
    {
        if (role is null || !Enum.IsDefined(role.Value))
        {
            yield return new FieldViolation(field, "must be one of owner, admin, agent, auditor");
        }
    }

    public static IEnumerable<FieldViolation> Scopes(string field, IReadOnlyList<string> scopes)
    {
        for (var i = 0; i < scopes.Count; i++)
        {
            if (!TenantScopes.IsKnown(scopes[i]))
            {
                yield return new FieldViolation($"{field}[{i}]", $"'{scopes[i]}' is not a scope; known: {string.Join(", ", TenantScopes.All)}");
            }
        }
    }

    /// <summary>Owners are managed only by owners and the operator (an admin cannot make itself owner).</summary>
    public static void EnsureMayManageOwners(ICurrentActor actor, params MemberRole?[] rolesInvolved)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOperator && actor.Role != MemberRole.Owner && rolesInvolved.Contains(MemberRole.Owner))
        {
            throw new PermissionDeniedException("Only owners add, change or remove owners.");
        }
    }

    /// <summary>A caller cannot hand out scopes it does not hold itself.</summary>
    public static void EnsureMayGrant(ICurrentActor actor, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOperator && scopes.FirstOrDefault(s => !actor.Scopes.Contains(s)) is { } excess)
        {
            throw new PermissionDeniedException($"The caller does not hold '{excess}' and cannot grant it.");
        }
    }
}
