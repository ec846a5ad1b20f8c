using System.Collections.Immutable;

namespace PesanAI.Domain.Tenants;

public enum MemberRole
{
    Owner = 1,
    Admin = 2,
    Agent = 3,
    Auditor = 4,
}

public enum CredentialKind
{
    /// <summary>A partner backend or internal service.</summary>
    Application = 1,

    /// <summary>A team member's own credential: its scopes are bounded by the member's role.</summary>
    Member = 2,
}

/// <summary>A person of the tenant's team.</summary>
public sealed record TeamMember(Guid MemberId, string DisplayName, string Email, MemberRole Role, DateTimeOffset AddedAt);

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

/// <summary>The OAuth scopes of tenant credentials, and which role may hold which (the permission table).</summary>
public static class TenantScopes
{
    public const string TenantRead = "tenant.read";
    public const string TenantManage = "tenant.manage";
    public const string ConversationsRead = "conversations.read";
    public const string ConversationsManage = "conversations.manage";
    public const string MessagesSend = "messages.send";
    public const string ConsentManage = "consent.manage";
    public const string KnowledgeManage = "knowledge.manage";
    public const string AuditRead = "audit.read";

    public static ImmutableArray<string> All { get; } =
        [TenantRead, TenantManage, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage, KnowledgeManage, AuditRead];

    public static ImmutableArray<string> Of(MemberRole role) => role switch
    {
        MemberRole.Owner => All,
        MemberRole.Admin => [TenantRead, TenantManage, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage, KnowledgeManage],
        MemberRole.Agent => [TenantRead, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage],
        MemberRole.Auditor => [TenantRead, AuditRead],
        _ => [],
    };

    public static bool IsKnown(string scope) => All.Contains(scope);
}
