extern alias client;

using client::PesanAI.Protos.Consent.V1;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Consent;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.FunctionalTests.Inbound;
using static PesanAI.FunctionalTests.Consent.ConsentBed;
using ConsentPurpose = client::PesanAI.Protos.Consent.V1.ConsentPurpose;
using ConsentSource = client::PesanAI.Protos.Consent.V1.ConsentSource;
using ConsentStatus = client::PesanAI.Protos.Consent.V1.ConsentStatus;

namespace PesanAI.FunctionalTests.Consent;

/// <summary>The inbound path's entry point, called as the ingest will: in a tenant session it then saves.</summary>
public sealed class ConsentIntakeTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly ConsentBed _bed = new(app);

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Berhenti \n")]
    [InlineData("\tunsubscribe")]
    public async Task A_stop_keyword_in_any_case_and_whitespace_opts_out_of_marketing_and_asks_for_the_confirmation(string text)
    {
        var (tenant, waId, customerId) = await CustomerOptedInAsync();

        var result = await IntakeAsync(tenant.TenantId, (intake, now) => intake.OnMessageAsync(customerId, new CustomerIdentity(waId, null), text, "wamid.stop", now.AddSeconds(-2), now, default));

        Assert.Equal(KeywordMatch.Stop, result.Match);
        Assert.True(result.Recorded);
        Assert.Equal(ConsentKeywordSettings.Default.OptOutConfirmation, result.Confirmation);
        var consent = await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId });
        Assert.Equal(ConsentStatus.OptedOut, StatusOf(consent, ConsentPurpose.Marketing));
        Assert.Equal(ConsentStatus.OptedIn, StatusOf(consent, ConsentPurpose.Utility));
        Assert.Equal(ConsentSource.Keyword, consent.Purposes[0].Source);
        Assert.Contains("wamid.stop", consent.Purposes[0].Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("please stop")]
    [InlineData("STOP!")]
    [InlineData("Mulai jam berapa?")]
    [InlineData(null)]
    public async Task Other_text_changes_nothing(string? text)
    {
        var (tenant, waId, customerId) = await CustomerOptedInAsync();

        var result = await IntakeAsync(tenant.TenantId, (intake, now) => intake.OnMessageAsync(customerId, new CustomerIdentity(waId, null), text, "wamid.x", now, now, default));

        Assert.Equal(ConsentIntakeResult.Nothing, result);
        Assert.Equal(2, (await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId })).Version);
    }

    [Fact]
    public async Task Start_after_stop_opts_back_in_and_a_repeated_stop_is_confirmed_without_a_new_statement()
    {
        var (tenant, waId, customerId) = await CustomerOptedInAsync();
        var customer = new CustomerIdentity(waId, null);

        // One session, as one webhook batch: each decided against the state the previous one left.
        var results = await IntakeManyAsync(tenant.TenantId, async (intake, now) =>
        [
            await intake.OnMessageAsync(customerId, customer, "STOP", "wamid.1", now.AddSeconds(-30), now, default),
            await intake.OnMessageAsync(customerId, customer, "stop", "wamid.2", now.AddSeconds(-20), now, default),
            await intake.OnMessageAsync(customerId, customer, " Mulai ", "wamid.3", now.AddSeconds(-10), now, default),
        ]);

        Assert.Equal([KeywordMatch.Stop, KeywordMatch.Stop, KeywordMatch.Start], results.Select(r => r.Match));
        Assert.Equal([true, false, true], results.Select(r => r.Recorded));
        Assert.Equal(ConsentKeywordSettings.Default.OptInConfirmation, results[2].Confirmation);
        Assert.NotNull(results[1].Confirmation);
        var history = await tenant.Consent.ListConsentHistoryAsync(new ListConsentHistoryRequest { WaId = waId });
        Assert.Equal([ConsentStatus.OptedIn, ConsentStatus.OptedIn, ConsentStatus.OptedOut, ConsentStatus.OptedIn], history.Changes.Select(c => c.Status));
        Assert.Equal(ConsentStatus.OptedIn, StatusOf(await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }), ConsentPurpose.Marketing));
    }

    [Fact]
    public async Task The_tenants_own_keywords_and_confirmations_apply_and_an_empty_confirmation_sends_none()
    {
        var (tenant, waId, customerId) = await CustomerOptedInAsync();
        await tenant.Consent.UpdateConsentSettingsAsync(new UpdateConsentSettingsRequest
        {
            Settings = new ConsentSettings { StopKeywords = { "Keluar" }, StartKeywords = { "Gabung" }, OptOutConfirmation = "Sampai jumpa.", OptInConfirmation = string.Empty },
        });
        var customer = new CustomerIdentity(waId, null);

        var results = await IntakeManyAsync(tenant.TenantId, async (intake, now) =>
        [
            await intake.OnMessageAsync(customerId, customer, "STOP", "wamid.1", now.AddSeconds(-3), now, default),
            await intake.OnMessageAsync(customerId, customer, "KELUAR", "wamid.2", now.AddSeconds(-2), now, default),
            await intake.OnMessageAsync(customerId, customer, "gabung", "wamid.3", now.AddSeconds(-1), now, default),
        ]);

        Assert.Equal([KeywordMatch.None, KeywordMatch.Stop, KeywordMatch.Start], results.Select(r => r.Match));
        Assert.Equal("Sampai jumpa.", results[1].Confirmation);
        Assert.Null(results[2].Confirmation);
    }

    [Fact]
    public async Task A_keyword_from_a_customer_who_wrote_but_never_consented_starts_their_ledger()
    {
        var inbound = new InboundBed(app);
        var tenant = await inbound.TenantAsync("Toko Kata Kunci");
        var waId = NewWaId();
        await inbound.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), "Halo", DateTimeOffset.UtcNow), tenant.AppSecret);
        var consent = new ConsentService.ConsentServiceClient(tenant.Agent.Channel);
        var customerId = Guid.Parse((await consent.GetConsentAsync(new GetConsentRequest { WaId = waId })).CustomerId);

        var result = await IntakeAsync(tenant.TenantId, (intake, now) => intake.OnMessageAsync(customerId, new CustomerIdentity(waId, null), "BERHENTI", "wamid.b", now.AddHours(1), now, default));

        Assert.True(result.Recorded);
        var after = await consent.GetConsentAsync(new GetConsentRequest { WaId = waId });
        Assert.Equal(1, after.Version);
        Assert.Equal(ConsentStatus.OptedOut, StatusOf(after, ConsentPurpose.Marketing));

        // Meta's clock ahead of ours: the statement counts as made now, never refused on the inbound path.
        Assert.True(after.Purposes[0].CollectTime.ToDateTimeOffset() <= after.Purposes[0].RecordTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task User_preferences_stop_and_resume_marketing_without_a_confirmation()
    {
        var (tenant, waId, customerId) = await CustomerOptedInAsync();
        var customer = new CustomerIdentity(waId, null);

        var results = await IntakeManyAsync(tenant.TenantId, async (intake, now) =>
        [
            await intake.OnPreferenceAsync(customerId, customer, "marketing_messages", "stop", now.AddSeconds(-20), now, default),
            await intake.OnPreferenceAsync(customerId, customer, "marketing_messages", "stop", now.AddSeconds(-20), now, default),
            await intake.OnPreferenceAsync(customerId, customer, "some_future_category", "stop", now.AddSeconds(-15), now, default),
        ]);
        var stopped = await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId });
        var resumed = await IntakeAsync(tenant.TenantId, (intake, now) => intake.OnPreferenceAsync(customerId, customer, "MARKETING_MESSAGES", "resume", now, now, default));

        Assert.Equal([KeywordMatch.Stop, KeywordMatch.Stop, KeywordMatch.None], results.Select(r => r.Match));
        Assert.Equal([true, false, false], results.Select(r => r.Recorded));
        Assert.All(results, r => Assert.Null(r.Confirmation));
        Assert.Equal(ConsentStatus.OptedOut, StatusOf(stopped, ConsentPurpose.Marketing));
        Assert.Equal(ConsentSource.UserPreferences, stopped.Purposes[0].Source);
        Assert.Equal(KeywordMatch.Start, resumed.Match);
        Assert.Null(resumed.Confirmation);
        Assert.Equal(ConsentStatus.OptedIn, StatusOf(await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }), ConsentPurpose.Marketing));
    }

    /// <summary>A customer opted in to marketing and utility (version 2), with their customer id.</summary>
    private async Task<(ConsentTenant Tenant, string WaId, Guid CustomerId)> CustomerOptedInAsync()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();
        await tenant.Consent.RecordOptInAsync(OptIn(waId, collectedAt: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var consent = await tenant.Consent.RecordOptInAsync(OptIn(waId, ConsentPurpose.Utility, collectedAt: DateTimeOffset.UtcNow.AddMinutes(-10)));
        return (tenant, waId, Guid.Parse(consent.CustomerId));
    }

    private async Task<ConsentIntakeResult> IntakeAsync(string tenantId, Func<ConsentIntake, DateTimeOffset, Task<ConsentIntakeResult>> act) =>
        Assert.Single(await IntakeManyAsync(tenantId, async (intake, now) => [await act(intake, now)]));

    private async Task<IReadOnlyList<ConsentIntakeResult>> IntakeManyAsync(string tenantId, Func<ConsentIntake, DateTimeOffset, Task<IReadOnlyList<ConsentIntakeResult>>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession(tenantId);
        var settings = await ConsentIntake.LoadSettingsAsync(session, Guid.Parse(tenantId), default);
        var results = await act(new ConsentIntake(session, settings), DateTimeOffset.UtcNow);
        await session.SaveChangesAsync();
        return results;
    }
}
