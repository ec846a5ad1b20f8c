namespace PesanAI.Host.Auth;

/// <summary>The OAuth scopes PesanAI grants.</summary>
public static class Scopes
{
    /// <summary>The platform operator: manages tenants.</summary>
    public const string Platform = "platform";

    public static IReadOnlyList<string> All { get; } = [Platform];
}

/// <summary>Authorization policy names; every gRPC method names one.</summary>
public static class Policies
{
    public const string Platform = "platform";
}

/// <summary>Claims PesanAI puts into access tokens besides OAuth's own.</summary>
public static class PesanAiClaims
{
    public const string TenantId = "tenant_id";
    public const string MemberId = "member_id";
    public const string Kind = "credential_kind";
}
