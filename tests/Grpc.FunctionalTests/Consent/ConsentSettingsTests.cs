extern alias client;

using client::PesanAI.Protos.Consent.V1;
using Grpc.Core;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Consent;

public sealed class ConsentSettingsTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly ConsentBed _bed = new(app);

    [Fact]
    public async Task A_new_tenant_has_the_default_keywords_and_bilingual_confirmations()
    {
        var tenant = await _bed.TenantAsync();

        var settings = await tenant.Consent.GetConsentSettingsAsync(new GetConsentSettingsRequest());

        Assert.Equal(["STOP", "BERHENTI", "UNSUBSCRIBE"], settings.StopKeywords);
        Assert.Equal(["START", "MULAI"], settings.StartKeywords);
        Assert.Contains("MULAI", settings.OptOutConfirmation, StringComparison.Ordinal);
        Assert.Contains("START", settings.OptOutConfirmation, StringComparison.Ordinal);
        Assert.Contains("BERHENTI", settings.OptInConfirmation, StringComparison.Ordinal);
        Assert.Equal((await tenant.Agent.Tenants.GetTenantAsync(new TenantsApi.GetTenantRequest())).Version, settings.Version);
    }

    [Fact]
    public async Task Updated_settings_are_normalized_kept_on_the_tenants_stream_and_read_back()
    {
        var tenant = await _bed.TenantAsync();
        var update = new ConsentSettings
        {
            StopKeywords = { " Keluar ", "STOP", "keluar" },
            StartKeywords = { "Gabung" },
            OptOutConfirmation = " Sampai jumpa. ",
            OptInConfirmation = string.Empty,
        };

        var before = (await tenant.Consent.GetConsentSettingsAsync(new GetConsentSettingsRequest())).Version;
        var updated = await tenant.Consent.UpdateConsentSettingsAsync(new UpdateConsentSettingsRequest { Settings = update, ExpectedVersion = before });
        var again = await tenant.Consent.UpdateConsentSettingsAsync(new UpdateConsentSettingsRequest { Settings = update });

        Assert.Equal(["Keluar", "STOP"], updated.StopKeywords);
        Assert.Equal(["Gabung"], updated.StartKeywords);
        Assert.Equal("Sampai jumpa.", updated.OptOutConfirmation);
        Assert.Equal(string.Empty, updated.OptInConfirmation);
        Assert.Equal(before + 1, updated.Version);
        Assert.Equal(updated, again);
        Assert.Equal(updated, await tenant.Consent.GetConsentSettingsAsync(new GetConsentSettingsRequest()));
        Assert.Equal(before + 1, (await tenant.Agent.Tenants.GetTenantAsync(new TenantsApi.GetTenantRequest())).Version);
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted()
    {
        var tenant = await _bed.TenantAsync();

        await RpcAssert.WithReason(StatusCode.Aborted, "VERSION_CONFLICT", () => tenant.Consent.UpdateConsentSettingsAsync(new UpdateConsentSettingsRequest
        {
            Settings = new ConsentSettings { StopKeywords = { "STOP" } },
            ExpectedVersion = 1,
        }).ResponseAsync);
    }

    [Fact]
    public async Task Settings_that_would_make_opting_out_impossible_or_ambiguous_name_their_field()
    {
        var tenant = await _bed.TenantAsync();
        var bad = new ConsentSettings
        {
            StopKeywords = { "STOP", new string('s', 51) },
            StartKeywords = { "stop", " " },
            OptOutConfirmation = new string('x', 1001),
        };

        var badRequest = await RpcAssert.InvalidArgument(() => tenant.Consent.UpdateConsentSettingsAsync(new UpdateConsentSettingsRequest { Settings = bad }).ResponseAsync);
        var noStop = await RpcAssert.InvalidArgument(() => tenant.Consent.UpdateConsentSettingsAsync(
            new UpdateConsentSettingsRequest { Settings = new ConsentSettings { StartKeywords = { "START" } } }).ResponseAsync);
        var missing = await RpcAssert.InvalidArgument(() => tenant.Consent.UpdateConsentSettingsAsync(new UpdateConsentSettingsRequest()).ResponseAsync);

        Assert.Equal(
            ["settings.stop_keywords[1]", "settings.start_keywords[0]", "settings.start_keywords[1]", "settings.opt_out_confirmation"],
            badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal("settings.stop_keywords", Assert.Single(noStop.FieldViolations).Field);
        Assert.Equal("settings", Assert.Single(missing.FieldViolations).Field);
        Assert.Equal(["STOP", "BERHENTI", "UNSUBSCRIBE"], (await tenant.Consent.GetConsentSettingsAsync(new GetConsentSettingsRequest())).StopKeywords);
    }

    [Fact]
    public async Task A_suspended_tenant_keeps_its_settings()
    {
        var tenant = await _bed.TenantAsync();
        await _bed.Team.Operator.SuspendTenantAsync(new TenantsApi.SuspendTenantRequest { Id = tenant.TenantId, Reason = "unpaid" });

        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "TENANT_SUSPENDED", () => tenant.Consent.UpdateConsentSettingsAsync(
            new UpdateConsentSettingsRequest { Settings = new ConsentSettings { StopKeywords = { "KELUAR" } } }).ResponseAsync);
    }
}
