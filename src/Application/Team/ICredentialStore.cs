using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Team;

/// <summary>A credential to create in the identity store (which issues its tokens and keeps its hashed secret).</summary>
public sealed record NewCredential(string ClientId, Guid TenantId, CredentialKind Kind, Guid? MemberId, IReadOnlyList<string> Scopes, string DisplayName);

/// <summary>The identity store's side of credentials. Secrets go in, hashed; they never come back out.</summary>
public interface ICredentialStore
{
    /// <summary>Creates the OAuth client and returns its newly generated secret.</summary>
    Task<string> CreateAsync(NewCredential credential, CancellationToken cancellationToken);

    /// <summary>Replaces the secret and returns the new one.</summary>
    Task<string> RotateSecretAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Deletes the client and revokes its tokens: they are refused from their next call on.</summary>
    Task RevokeAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Revokes the client's current tokens but keeps the client (it fetches new ones).</summary>
    Task RevokeTokensAsync(string clientId, CancellationToken cancellationToken);
}
