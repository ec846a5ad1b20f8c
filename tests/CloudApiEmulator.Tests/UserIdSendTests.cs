using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Sends to business-scoped user ids (BSUIDs) as Meta takes them: <c>recipient</c> without <c>to</c>.</summary>
public sealed class UserIdSendTests
{
    private const string UserId = "ID.13491208655302741918";

    private static string ToUserId(string type, string part) =>
        $$"""{"messaging_product":"whatsapp","recipient_type":"individual","recipient":"{{UserId}}","type":"{{type}}","{{type}}":{{part}},"biz_opaque_callback_data":"m-1"}""";

    [Fact]
    public async Task A_username_customers_message_omits_from_and_wa_id_and_opens_the_window_for_their_user_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateAsync(new JsonObject { ["user_id"] = UserId, ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hi" } });

        var webhook = (await emulator.Receiver.WaitForAsync(w => w.Field == "messages")).Single();
        var wamid = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(ToUserId("text", """{"body":"halo"}""")));

        var message = webhook.Value.GetProperty("messages")[0];
        Assert.False(message.TryGetProperty("from", out _));
        Assert.Equal(UserId, message.GetProperty("from_user_id").GetString());
        Assert.False(webhook.Value.GetProperty("contacts")[0].TryGetProperty("wa_id", out _));
        var statuses = (await emulator.Receiver.WaitForAsync(w => w.Statuses.Any(s => s.GetProperty("id").GetString() == wamid), 3)).SelectMany(w => w.Statuses).ToList();
        Assert.All(statuses, s => Assert.Equal(UserId, s.GetProperty("recipient_user_id").GetString()));
        Assert.All(statuses, s => Assert.False(s.TryGetProperty("recipient_id", out _)));
    }

    [Fact]
    public async Task A_malformed_user_id_is_100_and_an_authentication_template_131062()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateAsync(new JsonObject { ["user_id"] = UserId, ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hi" } });
        (await TemplateTests.CreateAsync(emulator, "login_code", "id", "AUTHENTICATION", "Kode {{1}}")).Dispose();
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update");

        var malformed = await emulator.SendAsync(ToUserId("text", """{"body":"halo"}""").Replace(UserId, "not a user id", StringComparison.Ordinal));
        var otp = await emulator.SendAsync(ToUserId("template", """{"name":"login_code","language":{"code":"id"},"components":[{"type":"body","parameters":[{"type":"text","text":"123456"}]}]}"""));

        Assert.Equal(100, await TestEmulator.ErrorCodeAsync(malformed));
        Assert.Equal(131062, await TestEmulator.ErrorCodeAsync(otp));
    }

    [Fact]
    public async Task A_changed_user_id_is_a_system_message_from_the_old_id_and_the_window_stays_open_under_the_new_one()
    {
        const string NewUserId = "ID.55501234567890123456";
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateAsync(new JsonObject { ["user_id"] = UserId, ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hi" } });

        using var change = await emulator.PostJsonAsync("/_emulator/simulate/user-id-change", new
        {
            phone_number_id = TestEmulator.NumberId,
            previous_user_id = UserId,
            user_id = NewUserId,
            profile_name = "Sheena Nelson",
        });
        change.EnsureSuccessStatusCode();
        var webhook = (await emulator.Receiver.WaitForAsync(w => w.Value.TryGetProperty("messages", out var m) && m[0].GetProperty("type").GetString() == "system")).Single();
        var accepted = await emulator.SendAsync(ToUserId("text", """{"body":"halo"}""").Replace(UserId, NewUserId, StringComparison.Ordinal));

        var message = webhook.Value.GetProperty("messages")[0];
        Assert.False(webhook.Value.TryGetProperty("contacts", out _));
        Assert.False(message.TryGetProperty("from", out _));
        Assert.Equal(UserId, message.GetProperty("from_user_id").GetString());
        var system = message.GetProperty("system");
        Assert.Equal(
            ("user_changed_user_id", NewUserId, UserId, $"User Sheena Nelson changed from {UserId} to {NewUserId}"),
            (system.GetProperty("type").GetString(), system.GetProperty("user_id").GetString(), system.GetProperty("previous_user_id").GetString(), system.GetProperty("body").GetString()));
        Assert.StartsWith("wamid.", await TestEmulator.AcceptedWamidAsync(accepted), StringComparison.Ordinal);
    }
}
