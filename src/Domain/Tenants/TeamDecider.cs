using PesanAI.Domain.Common;

namespace PesanAI.Domain.Tenants;

/// <summary>Pure decisions about a tenant's team members and API credentials.</summary>
public static class TeamDecider
{
    public static IReadOnlyList<object> AddMember(Tenant state, Guid memberId, string displayName, string email, MemberRole role, DateTimeOffset now)
    {
        TenantDecider.EnsureActive(state);
        displayName = displayName.Trim();
        email = email.Trim();
        if (displayName.Length == 0 || email.Length == 0)
        {
            throw new DomainException("MEMBER_NAME_AND_EMAIL_REQUIRED", "A member needs a display name and an email.");
        }

        if (state.FindMember(memberId) is not null)
        {
            throw new DomainException("MEMBER_ID_TAKEN", "A member with this id already exists.", RuleKind.AlreadyExists);
        }

        if (state.Members.Exists(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException("MEMBER_EMAIL_TAKEN", "A member with this email already exists.", RuleKind.AlreadyExists);
        }

        return [new MemberAdded(state.Id, memberId, displayName, email, role, now)];
    }

    public static IReadOnlyList<object> ChangeMemberRole(Tenant state, Guid memberId, MemberRole role, DateTimeOffset now)
    {
        TenantDecider.EnsureActive(state);
        var member = RequireMember(state, memberId);
        if (member.Role == role)
        {
            return [];
        }

        if (member.Role == MemberRole.Owner)
        {
            EnsureAnotherOwner(state, memberId);
        }

        return [new MemberRoleChanged(state.Id, memberId, role, now)];
    }

    /// <summary>Removing a member revokes every credential that stands for them.</summary>
    public static IReadOnlyList<object> RemoveMember(Tenant state, Guid memberId, DateTimeOffset now)
    {
        TenantDecider.EnsureActive(state);
        var member = RequireMember(state, memberId);
        if (member.Role == MemberRole.Owner)
        {
            EnsureAnotherOwner(state, memberId);
        }

        var revocations = state.Credentials
            .Where(c => c.IsActive && c.MemberId == memberId)
            .Select(c => (object)new CredentialRevoked(state.Id, c.ClientId, "member removed", now));
        return [new MemberRemoved(state.Id, memberId, now), .. revocations];
    }

    public static IReadOnlyList<object> CreateCredential(
        Tenant state,
        string clientId,
        CredentialKind kind,
        Guid? memberId,
        IReadOnlyList<string> scopes,
        string displayName,
        DateTimeOffset now)
    {
        TenantDecider.EnsureActive(state);
        if (state.Credentials.Exists(c => c.ClientId == clientId))
        {
            throw new DomainException("CREDENTIAL_ID_TAKEN", "A credential with this client id already exists.", RuleKind.AlreadyExists);
        }

        if (scopes.FirstOrDefault(s => !TenantScopes.IsKnown(s)) is { } unknown)
        {
            throw new DomainException("UNKNOWN_SCOPE", $"'{unknown}' is not a scope PesanAI grants.");
        }

        IReadOnlyList<string> granted = scopes;
        if (kind == CredentialKind.Member)
        {
            var member = memberId is { } id
                ? RequireMember(state, id)
                : throw new DomainException("MEMBER_REQUIRED", "A member credential names its member.");
            var allowed = TenantScopes.Of(member.Role);
            if (scopes.FirstOrDefault(s => !allowed.Contains(s)) is { } excess)
            {
                throw new DomainException("SCOPE_EXCEEDS_ROLE", $"A {member.Role} may not hold '{excess}'.");
            }

            granted = scopes.Count == 0 ? allowed : scopes;
        }
        else if (memberId is not null)
        {
            throw new DomainException("MEMBER_NOT_ALLOWED", "An application credential stands for no member.");
        }
        else if (scopes.Count == 0)
        {
            throw new DomainException("SCOPES_REQUIRED", "An application credential needs at least one scope.");
        }

        return [new CredentialCreated(state.Id, clientId, kind, memberId, [.. granted.Distinct()], displayName.Trim(), now)];
    }

    public static IReadOnlyList<object> RotateCredentialSecret(Tenant state, string clientId, DateTimeOffset now)
    {
        TenantDecider.EnsureActive(state);
        RequireActiveCredential(state, clientId);
        return [new CredentialSecretRotated(state.Id, clientId, now)];
    }

    /// <summary>Allowed on a suspended tenant (taking access away is always possible); revoking twice changes nothing.</summary>
    public static IReadOnlyList<object> RevokeCredential(Tenant state, string clientId, string reason, DateTimeOffset now)
    {
        if (!state.Credentials.Exists(c => c.ClientId == clientId))
        {
            throw CredentialNotFound();
        }

        return state.FindActiveCredential(clientId) is null ? [] : [new CredentialRevoked(state.Id, clientId, reason, now)];
    }

    public static Credential RequireActiveCredential(Tenant state, string clientId) =>
        state.FindActiveCredential(clientId) ?? throw CredentialNotFound();

    private static TeamMember RequireMember(Tenant state, Guid memberId) =>
        state.FindMember(memberId) ?? throw new DomainException("MEMBER_NOT_FOUND", "The tenant has no such member.", RuleKind.NotFound);

    private static void EnsureAnotherOwner(Tenant state, Guid memberId)
    {
        if (!state.Members.Exists(m => m.Role == MemberRole.Owner && m.MemberId != memberId))
        {
            throw new DomainException("LAST_OWNER", "A tenant always keeps at least one owner; make another member owner first.");
        }
    }

    private static DomainException CredentialNotFound() =>
        new("CREDENTIAL_NOT_FOUND", "The tenant has no such credential.", RuleKind.NotFound);
}
