extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Google.Rpc;
using Grpc.Core;

namespace PesanAI.FunctionalTests;

public sealed class BadInputTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TenantService.TenantServiceClient _tenants = app.OperatorTenants();

    [Theory]
    [InlineData("", "Asia/Jakarta", "id", "display_name")]
    [InlineData("Toko", "Mars/Olympus", "id", "time_zone")]
    [InlineData("Toko", "Asia/Jakarta", "not a language", "default_language")]
    public async Task Create_with_a_bad_field_is_invalid_argument_naming_it(string name, string timeZone, string language, string field)
    {
        var badRequest = await RpcAssert.InvalidArgument(() => _tenants.CreateTenantAsync(
            new CreateTenantRequest { DisplayName = name, TimeZone = timeZone, DefaultLanguage = language }).ResponseAsync);

        Assert.Equal(field, Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Create_with_an_overlong_name_is_refused()
    {
        var badRequest = await RpcAssert.InvalidArgument(() => _tenants.CreateTenantAsync(
            new CreateTenantRequest { DisplayName = new string('x', 201) }).ResponseAsync);

        Assert.Equal("display_name", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Registration_names_every_bad_field_and_writes_nothing()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Salah Isi" });

        var badRequest = await RpcAssert.InvalidArgument(() => _tenants.RegisterPhoneNumberAsync(new RegisterPhoneNumberRequest
        {
            TenantId = tenant.Id,
            PhoneNumberId = "12a",
            DisplayPhoneNumber = "081234567890",
            WabaId = string.Empty,
            AccessToken = string.Empty,
            AppSecret = "s",
            VerifyToken = "v",
        }).ResponseAsync);

        Assert.Equal(
            ["phone_number_id", "display_phone_number", "waba_id", "access_token"],
            badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal(1, (await _tenants.GetTenantAsync(new GetTenantRequest { Id = tenant.Id })).Version);
    }

    [Fact]
    public async Task Profile_limits_are_meta_limits()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Profil" });

        var badRequest = await RpcAssert.InvalidArgument(() => _tenants.UpdateBusinessProfileAsync(new UpdateBusinessProfileRequest
        {
            TenantId = tenant.Id,
            BusinessProfile = new BusinessProfile
            {
                About = new string('a', 140),
                Email = "not-an-email",
                Websites = { "https://a.example", "ftp://b.example", "https://c.example" },
            },
        }).ResponseAsync);

        Assert.Equal(
            ["business_profile.about", "business_profile.email", "business_profile.websites", "business_profile.websites[1]"],
            badRequest.FieldViolations.Select(v => v.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    public async Task Get_with_a_malformed_id_is_invalid_argument(string id)
    {
        var badRequest = await RpcAssert.InvalidArgument(() => _tenants.GetTenantAsync(new GetTenantRequest { Id = id }).ResponseAsync);

        Assert.Equal("id", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Unknown_tenant_is_not_found_and_registration_on_it_claims_nothing()
    {
        var phoneNumberId = TenantLifecycleTests.NewPhoneNumberId();

        var exception = await RpcAssert.Fails(StatusCode.NotFound, () => _tenants.GetTenantAsync(new GetTenantRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Equal("tenant", exception.GetRpcStatus()?.GetDetail<ResourceInfo>()?.ResourceType);
        await RpcAssert.Fails(StatusCode.NotFound, () => _tenants.RegisterPhoneNumberAsync(
            TenantLifecycleTests.Registration(Guid.NewGuid().ToString(), phoneNumberId)).ResponseAsync);

        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Setelah Gagal" });
        Assert.Single((await _tenants.RegisterPhoneNumberAsync(TenantLifecycleTests.Registration(tenant.Id, phoneNumberId))).PhoneNumbers);
    }

    [Fact]
    public async Task Removing_a_number_the_tenant_does_not_have_is_not_found()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Tanpa Nomor" });

        await RpcAssert.WithReason(StatusCode.NotFound, "PHONE_NUMBER_NOT_REGISTERED", () => _tenants.RemovePhoneNumberAsync(
            new RemovePhoneNumberRequest { TenantId = tenant.Id, PhoneNumberId = "123456" }).ResponseAsync);
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted_and_changes_nothing()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Versi" });
        await _tenants.UpdateBusinessProfileAsync(new UpdateBusinessProfileRequest { TenantId = tenant.Id, BusinessProfile = new BusinessProfile { About = "v2" } });

        await RpcAssert.WithReason(StatusCode.Aborted, "VERSION_CONFLICT", () => _tenants.UpdateBusinessProfileAsync(new UpdateBusinessProfileRequest
        {
            TenantId = tenant.Id,
            BusinessProfile = new BusinessProfile { About = "stale" },
            ExpectedVersion = tenant.Version,
        }).ResponseAsync);

        var read = await _tenants.GetTenantAsync(new GetTenantRequest { Id = tenant.Id });
        Assert.Equal("v2", read.BusinessProfile.About);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_refused_before_it_is_read()
    {
        await RpcAssert.Fails(StatusCode.ResourceExhausted, () => _tenants.CreateTenantAsync(
            new CreateTenantRequest { DisplayName = new string('x', 5 * 1024 * 1024) }).ResponseAsync);
    }

    [Fact]
    public async Task A_bad_page_token_is_invalid_argument()
    {
        var badRequest = await RpcAssert.InvalidArgument(() => _tenants.ListTenantsAsync(new ListTenantsRequest { PageToken = "forged" }).ResponseAsync);

        Assert.Equal("page_token", Assert.Single(badRequest.FieldViolations).Field);
    }
}
