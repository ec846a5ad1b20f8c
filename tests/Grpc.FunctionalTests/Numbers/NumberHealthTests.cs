extern alias client;

using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Messaging;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Numbers;

/// <summary>
/// Number health through the emulator over real HTTP and PostgreSQL: GET /{phone-number-id} on registration and on
/// demand, the quality, capability and account webhooks in their current and older shapes, unknown values.
/// </summary>
public sealed class NumberHealthTests(PrivacyLogTests.LoggedApp fixture) : IClassFixture<PrivacyLogTests.LoggedApp>
{
    private readonly HealthBed _bed = new(fixture.App);

    [Fact]
    public async Task Registration_reads_the_number_from_Meta_and_GetTenant_shows_it()
    {
        var tenant = await _bed.Messaging.TenantAsync();

        var health = (await _bed.NumberAsync(tenant)).Health;

        Assert.Equal("GREEN", health.QualityRating);
        Assert.Equal("STANDARD", health.ThroughputLevel);
        Assert.Equal(80, health.ThroughputPerSecond);
        Assert.Equal("TIER_UNLIMITED", health.MessagingLimitTier);
        Assert.Equal("CONNECTED", health.Status);
        Assert.Equal("APPROVED", health.NameStatus);
        Assert.NotNull(health.CheckTime);
        Assert.NotNull(health.QualityUpdateTime);
        Assert.Empty(health.CheckFailure);
    }

    [Fact]
    public async Task Refresh_reads_Meta_again_and_a_number_shared_with_the_app_goes_to_20_per_second()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var tenants = new TenantsApi.TenantService.TenantServiceClient(fixture.App.OperatorChannel());
        await _bed.EmulatorAsync($"/_emulator/numbers/{tenant.PhoneNumberId}/quality", new { on_biz_app = true, quality_rating = "YELLOW", webhook = false });

        var before = (await _bed.NumberAsync(tenant)).Health;
        var refreshed = await tenants.RefreshPhoneNumberHealthAsync(new TenantsApi.RefreshPhoneNumberHealthRequest { TenantId = tenant.TenantId, PhoneNumberId = tenant.PhoneNumberId });

        var health = refreshed.PhoneNumbers.Single(p => p.PhoneNumberId == tenant.PhoneNumberId).Health;
        Assert.Equal(80, before.ThroughputPerSecond);
        Assert.True(health.SharedWithBusinessApp);
        Assert.Equal(20, health.ThroughputPerSecond);
        Assert.Equal("YELLOW", health.QualityRating);
        Assert.True(health.CheckTime.ToDateTimeOffset() > before.CheckTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task Refresh_of_a_number_Meta_does_not_know_records_the_failure_and_answers()
    {
        var tenant = await _bed.Messaging.Team.Tenant("Toko Tanpa Meta");
        var registration = TenantLifecycleTests.Registration(tenant.Id, TenantLifecycleTests.NewPhoneNumberId());
        var tenants = _bed.Messaging.Team.Operator;
        var registered = await tenants.RegisterPhoneNumberAsync(registration);

        var refreshed = await tenants.RefreshPhoneNumberHealthAsync(new TenantsApi.RefreshPhoneNumberHealthRequest { TenantId = tenant.Id, PhoneNumberId = registration.PhoneNumberId });

        Assert.Empty(registered.PhoneNumbers.Single().Health.QualityRating);
        var health = refreshed.PhoneNumbers.Single().Health;
        Assert.StartsWith("META_", health.CheckFailure, StringComparison.Ordinal);
        Assert.Empty(health.QualityRating);
        Assert.Null(health.CheckTime);
    }

    [Fact]
    public async Task Quality_and_capability_webhooks_in_the_current_and_older_shapes_update_GetTenant()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var waba = await _bed.WabaOfAsync(tenant);
        var display = (await _bed.NumberAsync(tenant)).DisplayPhoneNumber.TrimStart('+');

        await _bed.EmulatorAsync($"/_emulator/numbers/{tenant.PhoneNumberId}/quality", new { throughput_level = "HIGH" });
        var upgraded = (await _bed.NumberAsync(tenant)).Health;
        await _bed.EmulatorAsync($"/_emulator/wabas/{waba}/limit", new { tier = "TIER_10K", shape = "quality_old" });
        var oldShape = (await _bed.NumberAsync(tenant)).Health;
        await _bed.EmulatorAsync($"/_emulator/wabas/{waba}/limit", new { tier = "TIER_2K" });
        var capability = (await _bed.NumberAsync(tenant)).Health;
        await _bed.RawWebhookAsync(waba, "phone_number_quality_update", new { display_phone_number = display, @event = "FLAGGED", current_limit = "TIER_1K", old_limit = "TIER_10K" });
        var flagged = (await _bed.NumberAsync(tenant)).Health;
        await _bed.RawWebhookAsync(waba, "business_capability_update", new { max_daily_conversation_per_phone = 250 });
        var oldest = (await _bed.NumberAsync(tenant)).Health;

        Assert.Equal(("HIGH", 1000, "THROUGHPUT_UPGRADE"), (upgraded.ThroughputLevel, upgraded.ThroughputPerSecond, upgraded.LastEvent));
        Assert.NotNull(upgraded.ThroughputUpdateTime);
        // Unlimited to 10K is a downgrade: the older DOWNGRADE event also takes the number back to the standard level.
        Assert.Equal(("TIER_10K", 10_000, "DOWNGRADE", "STANDARD"), (oldShape.MessagingLimitTier, oldShape.MessagingLimit, oldShape.LastEvent, oldShape.ThroughputLevel));
        Assert.Equal(("TIER_2K", 2_000), (capability.MessagingLimitTier, capability.MessagingLimit));
        Assert.True(capability.MessagingLimitUpdateTime.ToDateTimeOffset() >= oldShape.MessagingLimitUpdateTime.ToDateTimeOffset());
        Assert.Equal(("TIER_1K", 1_000, true), (flagged.MessagingLimitTier, flagged.MessagingLimit, flagged.Flagged));
        Assert.Equal(("250", 250), (oldest.MessagingLimitTier, oldest.MessagingLimit));
    }

    [Fact]
    public async Task Unknown_events_and_tiers_are_stored_as_sent_logged_without_the_number_and_answered_200()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var waba = await _bed.WabaOfAsync(tenant);
        var display = (await _bed.NumberAsync(tenant)).DisplayPhoneNumber.TrimStart('+');

        await _bed.RawWebhookAsync(waba, "phone_number_quality_update", new { display_phone_number = display, @event = "QUALITY_SOMETHING_NEW", max_daily_conversations_per_business = "TIER_42X" });
        await _bed.RawWebhookAsync(waba, "account_update", new { @event = "BRAND_NEW_EVENT", restriction_info = "not a list", ban_info = new { waba_ban_state = new[] { "SCHEDULE_FOR_DISABLE" } } });
        // A broken field leaves the rest of the change, and the next change of the same body, to be applied.
        await _bed.RawWebhookAsync(waba, "business_capability_update", new { max_daily_conversations_per_business = new { weird = true } });
        var health = (await _bed.NumberAsync(tenant)).Health;

        Assert.Equal("QUALITY_SOMETHING_NEW", health.LastEvent);
        Assert.Equal(("TIER_42X", 0), (health.MessagingLimitTier, health.MessagingLimit));
        Assert.Equal("SCHEDULE_FOR_DISABLE", health.BanState);
        var lines = fixture.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("unknown event 'QUALITY_SOMETHING_NEW'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("unknown limit tier 'TIER_42X'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("unknown event 'BRAND_NEW_EVENT'", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(display, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restricted_account_refuses_business_initiated_sends_and_a_banned_one_every_send()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var waba = await _bed.WabaOfAsync(tenant);
        var writer = Inbound.InboundBed.NewWaId();
        await MessagingBed.ApprovedTemplateAsync(tenant, "pengingat_bayar", TemplateCategory.Utility, "Tagihan {{1}} jatuh tempo.");
        await _bed.Messaging.CustomerWritesAsync(tenant, writer, "halo");
        var until = DateTimeOffset.UtcNow.AddDays(3);

        await _bed.EmulatorAsync($"/_emulator/wabas/{waba}/account", new { restrictions = new[] { new { restriction_type = "RESTRICTED_BIZ_INITIATED_MESSAGING", expiration = until.ToUnixTimeSeconds() } } });
        var restricted = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, Inbound.InboundBed.NewWaId(), "pengingat_bayar", "INV-1")).ResponseAsync);
        var reply = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, writer, "Baik, kami cek."));
        var shown = (await _bed.NumberAsync(tenant)).Health;
        await _bed.EmulatorAsync($"/_emulator/wabas/{waba}/account", new { ban_state = "DISABLE" });
        var banned = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, writer, "Halo lagi")).ResponseAsync);
        await _bed.EmulatorAsync($"/_emulator/wabas/{waba}/account", new { ban_state = "REINSTATE", restrictions = Array.Empty<object>() });
        var again = await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, Inbound.InboundBed.NewWaId(), "pengingat_bayar", "INV-2"));

        RpcAssert.Reason(restricted, StatusCode.FailedPrecondition, "ACCOUNT_RESTRICTED");
        Assert.Equal(SendState.Queued, reply.Message.SendState);
        var restriction = Assert.Single(shown.Restrictions);
        Assert.Equal("RESTRICTED_BIZ_INITIATED_MESSAGING", restriction.RestrictionType);
        Assert.Equal(until.ToUnixTimeSeconds(), restriction.ExpireTime.Seconds);
        RpcAssert.Reason(banned, StatusCode.FailedPrecondition, "ACCOUNT_BANNED");
        Assert.Equal(SendState.Queued, again.Message.SendState);
        Assert.Equal("REINSTATE", (await _bed.NumberAsync(tenant)).Health.BanState);
    }

    /// <summary>
    /// Sends, repeating on ABORTED with the same request id as the API asks: the dispatcher appends to the same
    /// conversation meanwhile, and a burst of sends to one customer can lose that race several times.
    /// </summary>
    private static async Task<SendMessageResponse> SendRetryingAsync(SendingTenant tenant, SendMessageRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await tenant.Messaging.SendMessageAsync(request);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted && attempt < 5)
            {
            }
        }
    }

    [Fact]
    public async Task A_ban_arriving_after_queueing_fails_the_queued_message_at_dispatch()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var waba = await _bed.WabaOfAsync(tenant);
        await MessagingBed.ApprovedTemplateAsync(tenant, "info_pesanan", TemplateCategory.Utility, "Pesanan {{1}}.");
        // Queued while the dispatcher waits on the pair limit of the same customer, then banned.
        var customer = Inbound.InboundBed.NewWaId();
        var sent = new List<SendMessageResponse>();
        for (var i = 0; i < 12; i++)
        {
            var request = MessagingBed.TemplateTo(tenant, customer, "info_pesanan", $"P-{i}");
            request.RequestId = $"ban-{i}";
            sent.Add(await SendRetryingAsync(tenant, request));
        }

        await _bed.EmulatorAsync($"/_emulator/wabas/{waba}/account", new { ban_state = "DISABLE" });
        // The 11th waits for the customer's pair limit (10 at once, then one per 6 s): the ban is recorded by then.
        var waiting = await MessagingBed.UntilAsync(tenant, sent[10].Message.MessageId, m => m.SendState is SendState.Failed or SendState.Accepted);

        Assert.Equal(SendState.Failed, waiting.SendState);
        Assert.Contains(waiting.Errors, e => e.Title == "ACCOUNT_BANNED");
    }
}
