using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

/// <summary>Team events the team tests start from; the tenant itself comes from <see cref="Tenants.TenantHistory"/>.</summary>
internal static class TeamHistory
{
    public static readonly Guid Ayu = Guid.Parse("0199a4c3-0000-7000-8000-00000000a001");

    public static readonly Guid Budi = Guid.Parse("0199a4c3-0000-7000-8000-00000000a002");

    public static readonly Guid Citra = Guid.Parse("0199a4c3-0000-7000-8000-00000000a003");

    public static readonly Guid Dewi = Guid.Parse("0199a4c3-0000-7000-8000-00000000a004");

    public static MemberAdded Joined(Guid memberId, MemberRole role, string? email = null) =>
        new(TenantId, memberId, $"Member {memberId.ToString()[^4..]}", email ?? $"{memberId.ToString()[^4..]}@tokomaju.id", role, CreatedAt);

    public static CredentialCreated Issued(string clientId, Guid? memberId, params string[] scopes) =>
        new(TenantId, clientId, memberId is null ? CredentialKind.Application : CredentialKind.Member, memberId, scopes, $"Key {clientId}", CreatedAt);

    public static CredentialRevoked Revoked(string clientId, string reason = "leaked") => new(TenantId, clientId, reason, CreatedAt);
}
