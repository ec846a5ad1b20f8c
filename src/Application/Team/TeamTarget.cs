using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

/// <summary>A member or credential as <see cref="TeamAuthority.EnsureMayActOn"/> sees it: its role, if any, and every scope it holds or would hold.</summary>
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
