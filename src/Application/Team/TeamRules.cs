using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

/// <summary>Who may act on which member or credential, and input shapes shared by the team use cases.</summary>
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

/// <summary>A member or credential as <see cref="TeamRules.EnsureMayActOn"/> sees it: its role, if any, and every scope it holds or would hold.</summary>
public sealed record TeamTarget(string What, MemberRole? Role, IReadOnlyCollection<string> Scopes)
{
    /// <summary>A member in a role (existing, or the role a member is given).</summary>
    public static TeamTarget OfRole(MemberRole role) => new("a member", role, TenantScopes.Of(role));

    /// <summary>A credential: its own scopes, and for a member credential also its member's role.</summary>
    public static TeamTarget OfCredential(Tenant tenant, CredentialKind kind, Guid? memberId, IReadOnlyCollection<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var role = kind == CredentialKind.Member && memberId is { } id ? tenant.FindMember(id)?.Role : null;
        return new TeamTarget("a credential", role, role is { } r ? [.. scopes.Union(TenantScopes.Of(r))] : scopes);
    }

    public static TeamTarget OfCredential(Tenant tenant, Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return OfCredential(tenant, credential.Kind, credential.MemberId, credential.Scopes);
    }
}
