using Marten;
using Mediator;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

/// <summary>What a token for this credential may carry right now: the member's current role, and scopes within it.</summary>
public sealed record CredentialGrant(MemberRole? Role, IReadOnlyList<string> Scopes);

/// <summary>
/// Asked by the token endpoint after OpenIddict authenticated a tenant's client. The tenant's own record is
/// the authority: a revoked credential, a removed member, or a scope beyond the member's role gets no token.
/// </summary>
public sealed record AuthorizeCredential(Guid TenantId, string ClientId, IReadOnlyList<string> RequestedScopes) : IQuery<CredentialGrant>
{
    public const string CredentialRevokedReason = "CREDENTIAL_REVOKED";
    public const string ScopeRefusedReason = "SCOPE_EXCEEDS_ROLE";
}

public sealed class AuthorizeCredentialHandler(IQuerySession session) : IQueryHandler<AuthorizeCredential, CredentialGrant>
{
    public async ValueTask<CredentialGrant> Handle(AuthorizeCredential query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenant = await session.LoadAsync<Tenant>(query.TenantId, cancellationToken);
        var credential = tenant?.FindActiveCredential(query.ClientId)
            ?? throw new DomainException(AuthorizeCredential.CredentialRevokedReason, "The credential is revoked.");

        IReadOnlyList<string> allowed = credential.Scopes;
        MemberRole? role = null;
        if (credential.Kind == CredentialKind.Member)
        {
            var member = credential.MemberId is { } id ? tenant.FindMember(id) : null;
            role = member?.Role ?? throw new DomainException(AuthorizeCredential.CredentialRevokedReason, "The credential's member is no longer on the team.");
            allowed = [.. credential.Scopes.Intersect(TenantScopes.Of(member.Role))];
        }

        if (query.RequestedScopes.FirstOrDefault(s => !allowed.Contains(s)) is { } excess)
        {
            throw new DomainException(AuthorizeCredential.ScopeRefusedReason, $"The credential may not hold '{excess}'.");
        }

        return new CredentialGrant(role, query.RequestedScopes.Count == 0 ? allowed : query.RequestedScopes);
    }
}
