using PesanAI.Domain.Common;

namespace PesanAI.Domain.Audit;

/// <summary>
/// Someone read a tenant's personal data. Appended to the tenant's access stream (never to the stream of
/// what was read) and committed before the data is returned.
/// </summary>
public sealed record DataAccessed(
    Guid TenantId,
    string CredentialId,
    string? MemberId,
    string? Role,
    string Operation,
    string ResourceType,
    IReadOnlyList<string> ResourceIds,
    string? Purpose,
    string? ClientAddress,
    DateTimeOffset AccessedAt);

/// <summary>Each tenant has one access stream, whose id is derived from the tenant's id.</summary>
public static class AccessStream
{
    /// <summary>A name-based (version 5 style) UUID: stable, and distinct from the tenant's own stream id.</summary>
    public static Guid For(Guid tenantId) => NameBasedGuid.From("pesanai:access-stream:" + tenantId.ToString("D"));
}
