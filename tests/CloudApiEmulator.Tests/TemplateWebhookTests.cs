using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>The admin switches for Meta's template webhooks: status, quality and category, each changing the template too.</summary>
public sealed class TemplateWebhookTests
{
    [Fact]
    public async Task A_quality_change_is_posted_with_previous_and_new_score_and_listed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await TemplateAdmin.CreateApprovedAsync(emulator, "promo", category: "MARKETING", extra: b => b["quality_score"] = "GREEN");

        using var changed = await emulator.PostJsonAsync($"/_emulator/templates/{id}/quality", new { score = "RED" });
        using var bad = await emulator.PostJsonAsync($"/_emulator/templates/{id}/quality", new { score = "PURPLE" });
        using var unknown = await emulator.PostJsonAsync("/_emulator/templates/123/quality", new { score = "RED" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var webhook = (await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_quality_update")).Single();
        Assert.Equal("GREEN", webhook.Value.GetProperty("previous_quality_score").GetString());
        Assert.Equal("RED", webhook.Value.GetProperty("new_quality_score").GetString());
        Assert.Equal(id, webhook.Value.GetProperty("message_template_id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal("promo", webhook.Value.GetProperty("message_template_name").GetString());
        Assert.Equal("en", webhook.Value.GetProperty("message_template_language").GetString());
        var (_, list) = await TemplateAdmin.ListAsync(emulator, "?fields=quality_score&quality_score=RED");
        Assert.Equal("RED", list.GetProperty("data")[0].GetProperty("quality_score").GetProperty("score").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_category_notice_keeps_the_category_and_the_change_itself_moves_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await TemplateAdmin.CreateApprovedAsync(emulator, "order_note", category: "UTILITY");

        using var notice = await emulator.PostJsonAsync($"/_emulator/templates/{id}/category", new { category = "MARKETING", notice = true });
        var noticed = (await emulator.Receiver.WaitForAsync(w => w.Field == "template_category_update")).Single();
        var (_, afterNotice) = await TemplateAdmin.ListAsync(emulator);
        using var change = await emulator.PostJsonAsync($"/_emulator/templates/{id}/category", new { category = "MARKETING" });
        var changed = (await emulator.Receiver.WaitForAsync(w => w.Field == "template_category_update", 2))[1];
        var (_, afterChange) = await TemplateAdmin.ListAsync(emulator);

        Assert.Equal("MARKETING", noticed.Value.GetProperty("correct_category").GetString());
        Assert.Equal("UTILITY", noticed.Value.GetProperty("new_category").GetString());
        Assert.True(noticed.Value.GetProperty("category_update_timestamp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.False(noticed.Value.TryGetProperty("previous_category", out _));
        Assert.Equal("UTILITY", afterNotice.GetProperty("data")[0].GetProperty("category").GetString());
        Assert.Equal("UTILITY", changed.Value.GetProperty("previous_category").GetString());
        Assert.Equal("MARKETING", changed.Value.GetProperty("new_category").GetString());
        Assert.Equal(id, changed.Value.GetProperty("message_template_id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal("MARKETING", afterChange.GetProperty("data")[0].GetProperty("category").GetString());
    }

    [Fact]
    public async Task Every_meta_status_is_accepted_with_its_extras_and_disabled_refuses_sends_with_132016()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await TemplateAdmin.CreateApprovedAsync(emulator, "greeting");
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update");
        string[] statuses = ["PENDING", "REJECTED", "IN_APPEAL", "PAUSED", "PENDING_DELETION", "DELETED", "ARCHIVED", "LIMIT_EXCEEDED", "APPROVED", "DISABLED"];

        foreach (var status in statuses)
        {
            using var response = await emulator.PostJsonAsync($"/_emulator/templates/{id}/status", new JsonObject
            {
                ["status"] = status,
                ["reason"] = status == "REJECTED" ? "INCORRECT_CATEGORY" : null,
                ["other_info"] = status == "PAUSED" ? new JsonObject { ["title"] = "FIRST_PAUSE", ["description"] = "low quality" } : null,
                ["rejection_info"] = status == "REJECTED" ? new JsonObject { ["reason"] = "wrong category", ["recommendation"] = "use MARKETING" } : null,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var unknownStatus = await emulator.PostJsonAsync($"/_emulator/templates/{id}/status", new { status = "FROZEN" });
        var webhooks = await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update", statuses.Length + 1);
        // Webhooks may arrive out of order (several delivery workers, as at Meta): compare as multisets.
        var events = webhooks.Select(w => w.Value.GetProperty("event").GetString()!).Order(StringComparer.Ordinal);
        var rejected = webhooks.Single(w => w.Value.GetProperty("event").GetString() == "REJECTED").Value;
        var paused = webhooks.Single(w => w.Value.GetProperty("event").GetString() == "PAUSED").Value;
        using var send = await emulator.SendAsync(TemplateParameterTests.Send(
            "greeting", [new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray(TemplateParameterTests.Text("Ayu")) }]));

        Assert.Equal(statuses.Append("APPROVED").Order(StringComparer.Ordinal), events);
        Assert.Equal("INCORRECT_CATEGORY", rejected.GetProperty("reason").GetString());
        Assert.Equal("use MARKETING", rejected.GetProperty("rejection_info").GetProperty("recommendation").GetString());
        Assert.Equal("FIRST_PAUSE", paused.GetProperty("other_info").GetProperty("title").GetString());
        Assert.Equal("NONE", paused.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Equal(132016, await TestEmulator.ErrorCodeAsync(send));
    }
}
