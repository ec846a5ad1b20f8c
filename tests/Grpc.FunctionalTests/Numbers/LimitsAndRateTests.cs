extern alias client;

using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Messaging;

namespace PesanAI.FunctionalTests.Numbers;

/// <summary>
/// The messaging limit before queueing (counted per WABA, once per customer, under concurrency) and the dispatch rate
/// following the number's throughput level, measured by the emulator's accept times.
/// </summary>
public sealed class LimitsAndRateTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly HealthBed _bed = new(app);

    [Fact]
    public async Task Business_initiated_sends_beyond_the_limit_are_refused_before_queueing_and_a_repeat_customer_counts_once()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var waba = await _bed.WabaOfAsync(tenant);
        await MessagingBed.ApprovedTemplateAsync(tenant, "promo_batas", TemplateCategory.Utility, "Halo {{1}}.");
        // The oldest shape: a plain number. A small limit keeps the test short.
        await _bed.RawWebhookAsync(waba, "business_capability_update", new { max_daily_conversation_per_phone = 3 });
        var first = Inbound.InboundBed.NewWaId();
        var inWindow = Inbound.InboundBed.NewWaId();
        await _bed.Messaging.CustomerWritesAsync(tenant, inWindow, "halo");

        await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, first, "promo_batas", "1"));
        await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, Inbound.InboundBed.NewWaId(), "promo_batas", "2"));
        var repeat = await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, first, "promo_batas", "3"));
        var insideWindow = await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, inWindow, "promo_batas", "4"));
        // Two new customers race for the last place: exactly one gets it.
        var racers = new[] { Inbound.InboundBed.NewWaId(), Inbound.InboundBed.NewWaId() };
        var race = await Task.WhenAll(racers.Select(async to =>
        {
            try
            {
                await tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, to, "promo_batas", "5"));
                return (To: to, Error: (RpcException?)null);
            }
            catch (RpcException ex)
            {
                return (To: to, Error: ex);
            }
        }));
        var beyond = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, Inbound.InboundBed.NewWaId(), "promo_batas", "6")).ResponseAsync);

        Assert.Equal(SendState.Queued, repeat.Message.SendState);
        Assert.Equal(SendState.Queued, insideWindow.Message.SendState);
        Assert.Single(race, r => r.Error is null);
        var lost = Assert.Single(race, r => r.Error is not null);
        RpcAssert.Reason(lost.Error!, StatusCode.FailedPrecondition, "MESSAGING_LIMIT_REACHED");
        RpcAssert.Reason(beyond, StatusCode.FailedPrecondition, "MESSAGING_LIMIT_REACHED");
        // Nothing queued for the refused customer: no conversation was started.
        var conversations = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest { PageSize = 50 })).Conversations;
        Assert.Equal(4, conversations.Count);
        Assert.DoesNotContain(conversations, c => c.Customer.WaId == lost.To);
    }

    [Fact]
    public async Task A_downgrade_webhook_lowers_the_dispatch_rate_of_the_next_sends_as_the_emulator_measures()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        await MessagingBed.ApprovedTemplateAsync(tenant, "kabar_cepat", TemplateCategory.Utility, "Kabar {{1}}.");
        await _bed.EmulatorAsync($"/_emulator/numbers/{tenant.PhoneNumberId}/quality", new { throughput_level = "HIGH" });
        var high = (await _bed.NumberAsync(tenant)).Health.ThroughputPerSecond;
        // A first batch at the high level: the dispatcher's bucket for the number now runs at 1,000 per second.
        const int first = 20;
        await Task.WhenAll(Enumerable.Range(0, first).Select(i =>
            tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, Inbound.InboundBed.NewWaId(), "kabar_cepat", $"h{i}")).ResponseAsync));
        await _bed.AcceptedAtAsync(tenant, first);

        await _bed.EmulatorAsync($"/_emulator/numbers/{tenant.PhoneNumberId}/quality", new { throughput_level = "STANDARD" });
        var standard = (await _bed.NumberAsync(tenant)).Health.ThroughputPerSecond;
        const int count = 60;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            tenant.Messaging.SendMessageAsync(MessagingBed.TemplateTo(tenant, Inbound.InboundBed.NewWaId(), "kabar_cepat", $"{i}")).ResponseAsync));
        var accepted = (await _bed.AcceptedAtAsync(tenant, first + count)).Skip(first).ToList();

        Assert.Equal((1000, 80), (high, standard));
        Assert.Equal(count, accepted.Count);
        // 80 per second with a bucket of 8: the 60 take at least (60 - 8) / 80 s at the emulator (at 1,000/s: 0.05 s).
        var span = (accepted[^1] - accepted[0]).TotalSeconds;
        Assert.True(span >= (count - 8 - 1) / 80.0 * 0.95, $"60 sends took {span:0.000} s at the emulator: faster than 80 per second");
    }
}
