using System.Collections.Immutable;

namespace PesanAI.Domain.Tenants;

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
    public const string PrivacyManage = "privacy.manage";

    public static ImmutableArray<string> All { get; } =
        [TenantRead, TenantManage, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage, KnowledgeManage, AuditRead, PrivacyManage];

    public static ImmutableArray<string> Of(MemberRole role) => role switch
    {
        MemberRole.Owner => All,
        MemberRole.Admin => [TenantRead, TenantManage, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage, KnowledgeManage, PrivacyManage],
        MemberRole.Agent => [TenantRead, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage],
        MemberRole.Auditor => [TenantRead, AuditRead],
        _ => [],
    };

    public static bool IsKnown(string scope) => All.Contains(scope);
}
