using System.Security.Cryptography;
using System.Text;

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
    public static Guid For(Guid tenantId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("pesanai:access-stream:" + tenantId.ToString("D")));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
