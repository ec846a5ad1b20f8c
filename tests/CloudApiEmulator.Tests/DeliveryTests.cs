using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class DeliveryTests
{
    [Fact]
    public async Task Status_webhook_is_retried_until_the_receiver_answers_2xx()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281200000020");
        emulator.Receiver.FailNext(2);

        var wamid = await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000020"));

        await emulator.Receiver.WaitForAsync(w => w.HasStatus(wamid, "read"));
        Assert.Single(emulator.Receiver.Received, w => w.HasStatus(wamid, "sent"));
        var webhooks = (await emulator.GetJsonAsync("/_emulator/stats")).GetProperty("webhooks");
        Assert.Equal(2, webhooks.GetProperty("retried").GetInt32());
    }

    [Fact]
    public async Task Simulate_reports_the_receivers_failure_and_the_webhook_is_still_delivered_later()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Receiver.FailNext(1);

        var answer = await emulator.SimulateAsync(new JsonObject { ["from"] = "6281200000021", ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hi" } });

        Assert.Equal(500, answer.GetProperty("webhook_status").GetInt32());
        var wamid = answer.GetProperty("wamid").GetString();
        await emulator.Receiver.WaitForAsync(w => w.Field == "messages" && w.Value.TryGetProperty("messages", out var m) && m[0].GetProperty("id").GetString() == wamid);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_attempts()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Delivery.MaxAttempts = 2);
        await emulator.SimulateTextAsync("6281200000022");
        emulator.Receiver.FailNext(int.MaxValue);

        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000022"));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await emulator.GetJsonAsync("/_emulator/stats")).GetProperty("webhooks").GetProperty("gave_up").GetInt32() < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the three statuses were not given up within 10 s");
            await Task.Delay(10);
        }

        Assert.Equal(6, emulator.Receiver.Posts - 1);   // the simulate post, then 2 attempts for each of 3 statuses
    }
}
