using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

/// <summary>Input shapes shared by the team use cases (the domain's invariants are in Domain; who may act on whom is <see cref="TeamAuthority"/>).</summary>
public static class TeamChecks
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
}
