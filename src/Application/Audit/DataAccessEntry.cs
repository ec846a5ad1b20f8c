namespace PesanAI.Application.Audit;

/// <summary>
/// One read of a tenant's personal data, as listed to auditors: a document kept in step with the
/// <c>DataAccessed</c> events (same transaction), stored with the tenant's id so PostgreSQL's row-level
/// security separates tenants. <see cref="Id"/> is the event's id.
/// </summary>
public sealed record DataAccessEntry(
    Guid Id,
    string CredentialId,
    string? MemberId,
    string? Role,
    string Operation,
    string ResourceType,
    IReadOnlyList<string> ResourceIds,
    string? Purpose,
    string? ClientAddress,
    DateTimeOffset AccessedAt);
