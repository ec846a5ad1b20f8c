using PesanAI.Domain.Tenants;
using PesanAI.Infrastructure.Identity;

namespace PesanAI.Host.Auth;

/// <summary>The OAuth scopes PesanAI grants: the operator's, and the tenant scopes of the permission table.</summary>
public static class Scopes
{
    /// <summary>The platform operator: manages tenants, and may act on any tenant's registry.</summary>
    public const string Platform = "platform";

    public static IReadOnlyList<string> All { get; } = [Platform, .. TenantScopes.All];
}

/// <summary>
/// Authorization policies, named after the scope they require. Every gRPC method names one. The operator's
/// <c>platform</c> scope also satisfies the tenant-registry policies, never the audit.
/// </summary>
public static class Policies
{
    public const string Platform = Scopes.Platform;
    public const string TenantRead = TenantScopes.TenantRead;
    public const string TenantManage = TenantScopes.TenantManage;
    public const string AuditRead = TenantScopes.AuditRead;
    public const string ConversationsRead = TenantScopes.ConversationsRead;
    public const string ConversationsManage = TenantScopes.ConversationsManage;
    public const string ConsentManage = TenantScopes.ConsentManage;
    public const string MessagesSend = TenantScopes.MessagesSend;
    public const string KnowledgeManage = TenantScopes.KnowledgeManage;
    public const string PrivacyManage = TenantScopes.PrivacyManage;

    /// <summary>privacy.manage held by the tenant's own caller: a customer's export and erasure, which the operator never does.</summary>
    public const string CustomerPrivacy = "customer-privacy";

    /// <summary>
    /// The tenant scopes the operator's token stands in for (privacy.manage: for a tenant's export and deletion only;
    /// a customer's export and erasure need the tenant's own caller).
    /// </summary>
    public static IReadOnlySet<string> OperatorMay { get; } = new HashSet<string> { TenantRead, TenantManage, PrivacyManage };
}

/// <summary>Claims PesanAI puts into access tokens besides OAuth's own.</summary>
public static class PesanAiClaims
{
    public const string TenantId = OpenIddictCredentialStore.TenantIdProperty;
    public const string MemberId = OpenIddictCredentialStore.MemberIdProperty;
    public const string Kind = OpenIddictCredentialStore.KindProperty;
    public const string Role = "role";
}
