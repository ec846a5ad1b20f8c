using System.Net.Http.Headers;
using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Number health: the admin endpoints and their webhooks, GET /{phone-number-id}, and what Meta enforces with it.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Get_phone_number_shows_the_health_fields_and_needs_the_token()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var node = await GetNumberAsync(emulator, TestEmulator.Token);
        using var unauthorized = await GetNumberResponseAsync(emulator, "EAAGwrong");

        Assert.Equal(TestEmulator.NumberId, node.GetProperty("id").GetString());
        Assert.Equal("GREEN", node.GetProperty("quality_rating").GetString());
        Assert.Equal("STANDARD", node.GetProperty("throughput").GetProperty("level").GetString());
        Assert.Equal("TIER_UNLIMITED", node.GetProperty("whatsapp_business_manager_messaging_limit").GetString());
        Assert.Equal("CONNECTED", node.GetProperty("status").GetString());
        Assert.False(node.GetProperty("is_on_biz_app").GetBoolean());
        Assert.Equal(190, await TestEmulator.ErrorCodeAsync(unauthorized));
    }

    [Fact]
    public async Task A_throughput_upgrade_posts_THROUGHPUT_UPGRADE_and_a_downgrade_DOWNGRADE_with_the_limit_in_the_chosen_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (await emulator.PostJsonAsync($"/_emulator/numbers/{TestEmulator.NumberId}/quality", new { throughput_level = "HIGH" })).EnsureSuccessStatusCode();
        var upgrade = (await emulator.Receiver.WaitForAsync(w => w.Field == "phone_number_quality_update")).Single();
        (await emulator.PostJsonAsync($"/_emulator/numbers/{TestEmulator.NumberId}/quality", new { throughput_level = "STANDARD", shape = "old" })).EnsureSuccessStatusCode();
        var downgrade = (await emulator.Receiver.WaitForAsync(w => w.Field == "phone_number_quality_update", 2))[1];
        var node = await GetNumberAsync(emulator, TestEmulator.Token);

        Assert.Equal("THROUGHPUT_UPGRADE", upgrade.Value.GetProperty("event").GetString());
        Assert.Equal(TestEmulator.Display, upgrade.Value.GetProperty("display_phone_number").GetString());
        Assert.Equal("TIER_UNLIMITED", upgrade.Value.GetProperty("max_daily_conversations_per_business").GetString());
        Assert.Equal(TestEmulator.WabaId, upgrade.Json.GetProperty("entry")[0].GetProperty("id").GetString());
        Assert.Equal("DOWNGRADE", downgrade.Value.GetProperty("event").GetString());
        Assert.Equal("TIER_UNLIMITED", downgrade.Value.GetProperty("current_limit").GetString());
        Assert.False(downgrade.Value.TryGetProperty("max_daily_conversations_per_business", out _));
        Assert.Equal("STANDARD", node.GetProperty("throughput").GetProperty("level").GetString());
    }

    [Fact]
    public async Task The_number_s_throughput_follows_its_level()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281200000101");
        await emulator.SimulateTextAsync("6281200000102");

        (await emulator.PostJsonAsync($"/_emulator/numbers/{TestEmulator.NumberId}/quality", new { throughput_level = "HIGH", throughput_per_second = 1, webhook = false })).EnsureSuccessStatusCode();
        using var first = await emulator.SendTextAsync("6281200000101");
        using var second = await emulator.SendTextAsync("6281200000102");

        await TestEmulator.AcceptedWamidAsync(first);
        Assert.Equal(130429, await TestEmulator.ErrorCodeAsync(second));
    }

    [Fact]
    public async Task Business_initiated_sends_beyond_the_limit_are_131048_and_a_customer_reached_again_counts_once()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateTests.CreateAsync(emulator, "pengingat", "id", "UTILITY", "Halo");
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update");

        (await emulator.PostJsonAsync($"/_emulator/wabas/{TestEmulator.WabaId}/limit", new { tier = "2" })).EnsureSuccessStatusCode();
        var capability = (await emulator.Receiver.WaitForAsync(w => w.Field == "business_capability_update")).Single();
        using var a = await emulator.SendAsync(Payloads.Template("6281200000201", "pengingat", "id"));
        using var b = await emulator.SendAsync(Payloads.Template("6281200000202", "pengingat", "id"));
        using var aAgain = await emulator.SendAsync(Payloads.Template("6281200000201", "pengingat", "id"));
        using var c = await emulator.SendAsync(Payloads.Template("6281200000203", "pengingat", "id"));
        var account = await emulator.GetJsonAsync($"/_emulator/wabas/{TestEmulator.WabaId}");

        Assert.Equal("2", capability.Value.GetProperty("max_daily_conversations_per_business").GetString());
        await TestEmulator.AcceptedWamidAsync(a);
        await TestEmulator.AcceptedWamidAsync(b);
        await TestEmulator.AcceptedWamidAsync(aAgain);
        Assert.Equal(131048, await TestEmulator.ErrorCodeAsync(c));
        Assert.Equal(2, account.GetProperty("reached_in_24h").GetInt32());
    }

    [Fact]
    public async Task A_restricted_account_refuses_business_initiated_sends_and_a_disabled_one_every_send_with_131031()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateTests.CreateAsync(emulator, "pengingat", "id", "UTILITY", "Halo");
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update");
        await emulator.SimulateTextAsync("6281200000301");

        (await emulator.PostJsonAsync($"/_emulator/wabas/{TestEmulator.WabaId}/account", new
        {
            restrictions = new[] { new { restriction_type = "RESTRICTED_BIZ_INITIATED_MESSAGING", expiration = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds() } },
        })).EnsureSuccessStatusCode();
        var restriction = (await emulator.Receiver.WaitForAsync(w => w.Field == "account_update")).Single();
        using var template = await emulator.SendAsync(Payloads.Template("6281200000302", "pengingat", "id"));
        using var reply = await emulator.SendTextAsync("6281200000301");
        (await emulator.PostJsonAsync($"/_emulator/wabas/{TestEmulator.WabaId}/account", new { ban_state = "DISABLE" })).EnsureSuccessStatusCode();
        var ban = (await emulator.Receiver.WaitForAsync(w => w.Field == "account_update", 2))[1];
        using var afterBan = await emulator.SendTextAsync("6281200000301");

        Assert.Equal("ACCOUNT_RESTRICTION", restriction.Value.GetProperty("event").GetString());
        Assert.Equal("RESTRICTED_BIZ_INITIATED_MESSAGING", restriction.Value.GetProperty("restriction_info")[0].GetProperty("restriction_type").GetString());
        Assert.Equal(131031, await TestEmulator.ErrorCodeAsync(template));
        await TestEmulator.AcceptedWamidAsync(reply);
        Assert.Equal("DISABLE", ban.Value.GetProperty("ban_info").GetProperty("waba_ban_state").GetString());
        Assert.Equal(131031, await TestEmulator.ErrorCodeAsync(afterBan));
    }

    [Fact]
    public async Task Any_health_webhook_can_be_posted_as_given_signed_for_the_WABA()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (await emulator.PostJsonAsync($"/_emulator/wabas/{TestEmulator.WabaId}/webhook", new
        {
            field = "phone_number_quality_update",
            value = new { display_phone_number = TestEmulator.Display, @event = "FLAGGED", current_limit = "TIER_1K" },
        })).EnsureSuccessStatusCode();
        var posted = (await emulator.Receiver.WaitForAsync(w => w.Field == "phone_number_quality_update")).Single();

        Assert.Equal("FLAGGED", posted.Value.GetProperty("event").GetString());
        Assert.Equal(0, emulator.Receiver.BadSignatures);
    }

    private static async Task<JsonElement> GetNumberAsync(TestEmulator emulator, string token)
    {
        using var response = await GetNumberResponseAsync(emulator, token);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> GetNumberResponseAsync(TestEmulator emulator, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v21.0/{TestEmulator.NumberId}?fields=quality_rating,throughput,whatsapp_business_manager_messaging_limit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return emulator.Client.SendAsync(request);
    }
}
