using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Domain.UnitTests.Tenants;

/// <summary>Events and commands the tenant tests start from: given events, when decide, then events.</summary>
internal static class TenantHistory
{
    public static readonly Guid TenantId = Guid.Parse("0199a4c2-7f3e-7b10-9c1d-2a6f1e0b5d41");

    public static readonly DateTimeOffset CreatedAt = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));

    public static readonly DateTimeOffset Now = CreatedAt.AddHours(1);

    public static TenantCreated Created { get; } = new(TenantId, "Toko Maju", "Asia/Jakarta", "id", CreatedAt);

    public static Tenant Given(params object[] events) => events.Aggregate(Tenant.Start(Created), (state, e) => state.Evolve(e));

    public static PhoneNumberRegistration Registration(string phoneNumberId = "1065550001", string displayPhoneNumber = "+6281234567890") =>
        new(phoneNumberId, displayPhoneNumber, "2087650001", $"protected-token-{phoneNumberId}", $"protected-secret-{phoneNumberId}", $"sha256-{phoneNumberId}", "Sales");

    public static PhoneNumberRegistered Registered(string phoneNumberId = "1065550001", DateTimeOffset? at = null)
    {
        var r = Registration(phoneNumberId);
        return new(TenantId, r.PhoneNumberId, r.DisplayPhoneNumber, r.WabaId, r.ProtectedAccessToken, r.ProtectedAppSecret, r.VerifyTokenHash, r.Label, at ?? CreatedAt);
    }

    public static BusinessProfile Profile(string about = "Kain batik tulis dari Solo") =>
        new(about, "Toko batik keluarga sejak 1987.", "Jl. Slamet Riyadi 12, Surakarta", "halo@tokomaju.id", ["https://tokomaju.id"], "RETAIL");

    public static TenantSuspended Suspended(string reason = "Unpaid invoice", DateTimeOffset? at = null) => new(TenantId, reason, at ?? CreatedAt);

    public static DomainException Refused(Func<IReadOnlyList<object>> decide) => Assert.Throws<DomainException>(() => decide());
}
