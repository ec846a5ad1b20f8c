using PesanAI.Domain.Common;

namespace PesanAI.Domain.Privacy;

/// <summary>
/// A customer's personal data was erased (ADR 015). Appended to the tenant's privacy stream; it names the request and
/// who made it, and counts what was removed, never the customer: no identity, no id derived from one.
/// </summary>
public sealed record CustomerErased(
    Guid ErasureId,
    Guid TenantId,
    string RequestId,
    string? Reason,
    string RequestedBy,
    int Conversations,
    int Messages,
    int MediaFiles,
    int ConsentStatements,
    bool OptOutKept,
    DateTimeOffset ErasedAt);

/// <summary>Each tenant has one privacy stream (erasures), whose id is derived from the tenant's id.</summary>
public static class PrivacyStream
{
    public static Guid For(Guid tenantId) => NameBasedGuid.From("pesanai:privacy-stream:" + tenantId.ToString("D"));
}
