using System.Collections.Immutable;

namespace PesanAI.Domain.Tenants;

/// <summary>An API credential of the tenant (an OAuth client); its secret lives only, hashed, in the identity store.</summary>
public sealed record Credential(
    string ClientId,
    CredentialKind Kind,
    Guid? MemberId,
    ImmutableArray<string> Scopes,
    string DisplayName,
    DateTimeOffset CreatedAt)
{
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsActive => RevokedAt is null;
}
