extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;

namespace PesanAI.FunctionalTests;

public sealed class TenantLifecycleTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TenantService.TenantServiceClient _tenants = app.OperatorTenants();

    [Fact]
    public async Task Create_then_get_returns_the_same_tenant_with_defaults()
    {
        var created = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "  Toko Kopi Senja " });
        var read = await _tenants.GetTenantAsync(new GetTenantRequest { Id = created.Id });

        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal("Toko Kopi Senja", read.DisplayName);
        Assert.Equal("Asia/Jakarta", read.TimeZone);
        Assert.Equal("id", read.DefaultLanguage);
        Assert.Equal(TenantState.Active, read.State);
        Assert.Equal(1, read.Version);
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task Business_profile_update_is_kept_and_bumps_the_version()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Warung Profil", TimeZone = "Asia/Makassar", DefaultLanguage = "en" });
        var profile = new BusinessProfile
        {
            About = "Kopi ☕ setiap hari",
            Description = "Roastery kecil di Bandung",
            Address = "Jl. Braga 1, Bandung",
            Email = "halo@warung.example",
            Websites = { "https://warung.example", "https://shop.warung.example" },
            Vertical = "RESTAURANT",
        };

        var updated = await _tenants.UpdateBusinessProfileAsync(new UpdateBusinessProfileRequest
        {
            TenantId = tenant.Id,
            BusinessProfile = profile,
            ExpectedVersion = tenant.Version,
        });
        var read = await _tenants.GetTenantAsync(new GetTenantRequest { Id = tenant.Id });

        Assert.Equal(2, updated.Version);
        Assert.Equal(profile, read.BusinessProfile);
        Assert.Equal("Asia/Makassar", read.TimeZone);
    }

    [Fact]
    public async Task Registered_number_is_listed_without_its_secrets_and_can_be_removed_and_reused()
    {
        var first = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Pemilik Pertama" });
        var second = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Pemilik Kedua" });
        var phoneNumberId = NewPhoneNumberId();

        var registered = await _tenants.RegisterPhoneNumberAsync(Registration(first.Id, phoneNumberId));
        var number = Assert.Single(registered.PhoneNumbers);
        Assert.Equal(phoneNumberId, number.PhoneNumberId);
        Assert.Equal("+6281234567890", number.DisplayPhoneNumber);
        Assert.Equal("Sales", number.Label);
        Assert.DoesNotContain("EAAG-secret-access-token", registered.ToString(), StringComparison.Ordinal);

        await RpcAssert.WithReason(StatusCode.AlreadyExists, "PHONE_NUMBER_TAKEN",
            () => _tenants.RegisterPhoneNumberAsync(Registration(second.Id, phoneNumberId)).ResponseAsync);

        var removed = await _tenants.RemovePhoneNumberAsync(new RemovePhoneNumberRequest { TenantId = first.Id, PhoneNumberId = phoneNumberId });
        Assert.Empty(removed.PhoneNumbers);
        var moved = await _tenants.RegisterPhoneNumberAsync(Registration(second.Id, phoneNumberId));
        Assert.Equal(phoneNumberId, Assert.Single(moved.PhoneNumbers).PhoneNumberId);
    }

    [Fact]
    public async Task A_suspended_tenant_changes_nothing_until_reactivated()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Ditangguhkan" });

        var suspended = await _tenants.SuspendTenantAsync(new SuspendTenantRequest { Id = tenant.Id, Reason = "unpaid invoice" });
        Assert.Equal(TenantState.Suspended, suspended.State);
        Assert.Equal("unpaid invoice", suspended.SuspensionReason);

        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "TENANT_SUSPENDED",
            () => _tenants.RegisterPhoneNumberAsync(Registration(tenant.Id, NewPhoneNumberId())).ResponseAsync);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "TENANT_SUSPENDED",
            () => _tenants.UpdateBusinessProfileAsync(new UpdateBusinessProfileRequest { TenantId = tenant.Id, BusinessProfile = new BusinessProfile() }).ResponseAsync);
        Assert.Equal(suspended.Version, (await _tenants.GetTenantAsync(new GetTenantRequest { Id = tenant.Id })).Version);

        var reactivated = await _tenants.ReactivateTenantAsync(new ReactivateTenantRequest { Id = tenant.Id });
        Assert.Equal(TenantState.Active, reactivated.State);
        Assert.Single((await _tenants.RegisterPhoneNumberAsync(Registration(tenant.Id, NewPhoneNumberId()))).PhoneNumbers);
    }

    [Fact]
    public async Task List_pages_through_every_tenant_once()
    {
        var mine = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add((await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = $"Halaman {i}" })).Id);
        }

        var seen = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await _tenants.ListTenantsAsync(new ListTenantsRequest { PageSize = 2, PageToken = token });
            Assert.True(page.Tenants.Count <= 2);
            seen.AddRange(page.Tenants.Select(t => t.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(mine, seen.ToHashSet());
    }

    internal static string NewPhoneNumberId() => Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static RegisterPhoneNumberRequest Registration(string tenantId, string phoneNumberId) => new()
    {
        TenantId = tenantId,
        PhoneNumberId = phoneNumberId,
        DisplayPhoneNumber = "+6281234567890",
        WabaId = "102290129340398",
        AccessToken = "EAAG-secret-access-token",
        AppSecret = "app-secret-0123456789abcdef",
        VerifyToken = "verify-me-please",
        Label = "Sales",
    };
}
