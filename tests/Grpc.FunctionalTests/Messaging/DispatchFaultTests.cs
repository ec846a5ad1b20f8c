extern alias client;

using System.Net.Http.Json;
using System.Text.Json;
using client::PesanAI.Protos.Conversations.V1;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Infrastructure.Messaging;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>
/// The dispatcher against an emulator that misbehaves: what provably did not reach Meta is retried, what may have
/// reached it is never sent twice, and Meta's status webhooks settle an attempt whose answer was lost.
/// </summary>
public sealed class DispatchFaultTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task A_5xx_leaves_the_message_in_doubt_and_it_is_not_sent_again()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        await using var faults = await FaultsAsync(new { error_5xx_ratio = 1.0 });

        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Halo"));
        var doubtful = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.InDoubt);
        await UntilReleasedAsync(sent.Message.MessageId);
        var later = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, _ => true);

        Assert.Equal(SendState.InDoubt, doubtful.SendState);
        Assert.Matches("HTTP 50[0-9]", doubtful.SendNote);
        Assert.Equal((SendState.InDoubt, 1), (later.SendState, later.Attempts));
        Assert.Equal(0, (await _bed.EmulatorMessagesAsync(tenant, customer)).GetArrayLength());
    }

    [Fact]
    public async Task A_timeout_after_Meta_accepted_is_settled_by_the_status_webhook_without_a_second_send()
    {
        var tenant = await _bed.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        await using var faults = await FaultsAsync(new { timeout_after_accept_ratio = 1.0, hang_ms = 4000 });

        var sent = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Sampai?"));
        var settled = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.SendState == SendState.Accepted && m.Status >= DeliveryStatus.Delivered);

        Assert.Equal(SendState.Accepted, settled.SendState);
        Assert.Equal(1, settled.Attempts);
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray());
        Assert.Equal(atMeta.GetProperty("wamid").GetString(), settled.Wamid);
    }

    [Fact]
    public async Task The_numbers_throughput_limit_defers_and_retries_until_every_message_is_accepted_once()
    {
        var tenant = await _bed.TenantAsync(throughputAtMeta: 2);
        var customers = Enumerable.Range(0, 6).Select(_ => Inbound.InboundBed.NewWaId()).ToList();
        foreach (var customer in customers)
        {
            await _bed.CustomerWritesAsync(tenant, customer, "Halo");
        }

        var sent = await Task.WhenAll(customers.Select(c => tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, c, "Promo kilat")).ResponseAsync));
        var settled = await Task.WhenAll(sent.Select(s => MessagingBed.UntilAsync(tenant, s.Message.MessageId, m => m.SendState == SendState.Accepted)));

        Assert.All(settled, m => Assert.Equal(SendState.Accepted, m.SendState));
        Assert.Contains(settled, m => m.Attempts > 1);
        Assert.Equal(6, (await _bed.EmulatorMessagesAsync(tenant)).GetArrayLength());
        using var emulator = app.Emulator();
        using var stats = JsonDocument.Parse(await emulator.GetStringAsync("/_emulator/stats"));
        Assert.Equal(0, stats.RootElement.GetProperty("duplicates").GetInt64());
        Assert.True(stats.RootElement.GetProperty("rejected").GetProperty("130429").GetInt64() >= 1);
    }

    /// <summary>
    /// Waits until the dispatcher let go of the message: a message due for a retry stays held (it keeps its lane), so
    /// once released nothing more is sent. Fails after 20 s.
    /// </summary>
    private async Task UntilReleasedAsync(string messageId)
    {
        var queue = app.Services.GetRequiredService<DispatchQueue>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (queue.Holds(Guid.Parse(messageId)))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The dispatcher still holds message {messageId} after 20 s.");
            await Task.Delay(50);
        }
    }

    private async Task<IAsyncDisposable> FaultsAsync(object faults)
    {
        using var emulator = app.Emulator();
        (await emulator.PutAsJsonAsync("/_emulator/faults", faults)).EnsureSuccessStatusCode();
        return new Reset(app);
    }

    private sealed class Reset(PesanAiApp app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var emulator = app.Emulator();
            (await emulator.PutAsJsonAsync("/_emulator/faults", new { })).EnsureSuccessStatusCode();
        }
    }
}
