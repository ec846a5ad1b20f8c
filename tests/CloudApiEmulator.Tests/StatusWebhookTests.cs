using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class StatusWebhookTests
{
    [Fact]
    public async Task Accepted_send_is_followed_by_signed_sent_delivered_read_with_the_callback_data()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281200000010");

        var wamid = await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000010", "hi", "pesanai-msg-1"));

        var webhooks = await emulator.Receiver.WaitForAsync(w => w.Statuses.Any(s => s.GetProperty("id").GetString() == wamid), 3);
        var statuses = webhooks.SelectMany(w => w.Statuses).ToList();
        Assert.Equal(["sent", "delivered", "read"], statuses.Select(s => s.GetProperty("status").GetString()));
        Assert.All(statuses, s => Assert.Equal("pesanai-msg-1", s.GetProperty("biz_opaque_callback_data").GetString()));
        Assert.All(statuses, s => Assert.Equal("6281200000010", s.GetProperty("recipient_id").GetString()));
        Assert.All(webhooks, w => Assert.Equal(TestEmulator.Secret, w.Secret));
        Assert.Equal(0, emulator.Receiver.BadSignatures);
        Assert.True(statuses[1].TryGetProperty("pricing", out _));
        Assert.False(statuses[2].TryGetProperty("pricing", out _));
    }

    [Fact]
    public async Task Status_webhooks_have_the_fixtures_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281200000011");

        var wamid = await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000011"));

        var delivered = (await emulator.Receiver.WaitForAsync(w => w.HasStatus(wamid, "delivered"))).Single();
        var read = (await emulator.Receiver.WaitForAsync(w => w.HasStatus(wamid, "read"))).Single();
        Assert.Equal(KeyPaths.OfFixture("status_delivered"), KeyPaths.Of(delivered.Json));
        Assert.Equal(KeyPaths.OfFixture("status_read"), KeyPaths.Of(read.Json));
    }

    [Fact]
    public async Task A_numbers_own_app_secret_signs_its_webhooks()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Receiver.Secrets.Add("number-secret");
        using var created = await emulator.Client.PostAsJsonAsync("/_emulator/numbers", new { phone_number_id = "200", access_token = "EAAGown", app_secret = "number-secret" });
        await emulator.SimulateAsync(new() { ["phone_number_id"] = "200", ["from"] = "6281200000012", ["type"] = "text", ["text"] = new JsonObject { ["body"] = "a" } });

        var wamid = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Payloads.Text("6281200000012", "x"), "EAAGown", "200"));

        var sent = (await emulator.Receiver.WaitForAsync(w => w.HasStatus(wamid, "sent"))).Single();
        Assert.Equal("number-secret", sent.Secret);
    }

    [Fact]
    public async Task Undeliverable_customer_gets_an_accepted_send_then_failed_131026()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281200000013");
        using var set = await emulator.Client.PostAsJsonAsync("/_emulator/customers", new { wa_id = "6281200000013", undeliverable = true });

        var wamid = await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000013"));

        var failed = (await emulator.Receiver.WaitForAsync(w => w.HasStatus(wamid, "failed"))).Single().Statuses.Single();
        var error = failed.GetProperty("errors")[0];
        Assert.Equal(131026, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_data").GetProperty("details").GetString()));
        Assert.DoesNotContain(emulator.Receiver.Received, w => w.HasStatus(wamid, "sent"));
    }

    [Fact]
    public async Task Customer_who_stopped_marketing_gets_marketing_templates_failed_131050_but_utility_delivered()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var marketing = await TemplateTests.CreateAsync(emulator, "promo", "en", "MARKETING", "Sale");
        using var utility = await TemplateTests.CreateAsync(emulator, "receipt", "en", "UTILITY", "Paid");
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update", 2);
        using var stop = await emulator.Client.PostAsJsonAsync(
            "/_emulator/simulate/preferences", new { phone_number_id = TestEmulator.NumberId, wa_id = "6281200000014", value = "stop" });

        var promo = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Payloads.Template("6281200000014", "promo", "en")));
        var receipt = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Payloads.Template("6281200000014", "receipt", "en")));

        var failed = (await emulator.Receiver.WaitForAsync(w => w.HasStatus(promo, "failed"))).Single().Statuses.Single();
        Assert.Equal(131050, failed.GetProperty("errors")[0].GetProperty("code").GetInt32());
        var delivered = (await emulator.Receiver.WaitForAsync(w => w.HasStatus(receipt, "delivered"))).Single().Statuses.Single();
        Assert.Equal("utility", delivered.GetProperty("pricing").GetProperty("category").GetString());
        var preference = (await emulator.Receiver.WaitForAsync(w => w.Field == "user_preferences")).Single();
        Assert.True(KeyPaths.Of(preference.Json).IsSubsetOf(KeyPaths.OfFixture("user_preferences")));
        Assert.Equal("stop", preference.Value.GetProperty("user_preferences")[0].GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Number, preference.Value.GetProperty("user_preferences")[0].GetProperty("timestamp").ValueKind);
    }
}
