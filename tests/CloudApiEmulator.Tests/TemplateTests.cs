using System.Net;
using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class TemplateTests
{
    private const string Customer = "6281200000002";

    [Fact]
    public async Task Created_template_is_pending_then_approved_by_a_signed_webhook_shaped_like_metas()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var created = await CreateAsync(emulator, "order_confirmation", "en_US", "UTILITY", "Order {{1}} is confirmed");

        var answer = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("PENDING", answer.GetProperty("status").GetString());
        Assert.Equal("UTILITY", answer.GetProperty("category").GetString());
        var id = answer.GetProperty("id").GetString()!;
        var webhook = (await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update")).Single();
        Assert.Equal(KeyPaths.OfFixture("template_approved"), KeyPaths.Of(webhook.Json));
        Assert.Equal("APPROVED", webhook.Value.GetProperty("event").GetString());
        Assert.Equal(id, webhook.Value.GetProperty("message_template_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TestEmulator.WabaId, webhook.Json.GetProperty("entry")[0].GetProperty("id").GetString());
        var listed = await ListAsync(emulator);
        Assert.Equal("APPROVED", listed.GetProperty("data")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Same_name_and_language_twice_is_100_with_subcode_2388024()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var first = await CreateAsync(emulator, "welcome", "id", "MARKETING", "Halo");

        using var again = await CreateAsync(emulator, "welcome", "id", "MARKETING", "Halo lagi");
        using var otherLanguage = await CreateAsync(emulator, "welcome", "en", "MARKETING", "Hello");

        var error = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal(2388024, error.GetProperty("error_subcode").GetInt32());
        Assert.Equal(HttpStatusCode.OK, otherLanguage.StatusCode);
    }

    [Fact]
    public async Task Template_not_approved_in_that_language_is_132001()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.TemplateReviewDelay = TimeSpan.FromHours(1));
        using var pending = await CreateAsync(emulator, "pending_one", "en", "UTILITY", "Hi");

        using var unknown = await emulator.SendAsync(Payloads.Template(Customer, "no_such_template", "en"));
        using var notApproved = await emulator.SendAsync(Payloads.Template(Customer, "pending_one", "en"));

        Assert.Equal(132001, await TestEmulator.ErrorCodeAsync(unknown));
        Assert.Equal(132001, await TestEmulator.ErrorCodeAsync(notApproved));
    }

    [Fact]
    public async Task Parameter_count_must_match_the_placeholders_and_no_window_is_needed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var created = await CreateAsync(emulator, "order_update", "en", "UTILITY", "Order {{1}} ships {{2}}, order {{1}} again");
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update");

        using var tooFew = await emulator.SendAsync(Payloads.Template(Customer, "order_update", "en", bodyParameters: 1));
        using var wrongLanguage = await emulator.SendAsync(Payloads.Template(Customer, "order_update", "id", bodyParameters: 2));
        using var matching = await emulator.SendAsync(Payloads.Template(Customer, "order_update", "en", bodyParameters: 2));

        Assert.Equal(132000, await TestEmulator.ErrorCodeAsync(tooFew));
        Assert.Equal(132001, await TestEmulator.ErrorCodeAsync(wrongLanguage));
        await TestEmulator.AcceptedWamidAsync(matching);
    }

    [Fact]
    public async Task Admin_status_change_posts_the_webhook_and_a_paused_template_is_132015()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var created = await CreateAsync(emulator, "abandoned_cart", "en", "MARKETING", "Come back");
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update");

        using var changed = await emulator.PostJsonAsync($"/_emulator/templates/{id}/status", new { status = "PAUSED", reason = "LOW_QUALITY" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var paused = (await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update" && w.Value.GetProperty("event").GetString() == "PAUSED")).Single();
        Assert.Equal("LOW_QUALITY", paused.Value.GetProperty("reason").GetString());
        using var send = await emulator.SendAsync(Payloads.Template(Customer, "abandoned_cart", "en"));
        Assert.Equal(132015, await TestEmulator.ErrorCodeAsync(send));
    }

    [Fact]
    public async Task Template_endpoints_need_a_token_of_the_waba()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync($"/v21.0/{TestEmulator.WabaId}/message_templates", new { name = "x", language = "en", category = "UTILITY" }, "EAAGwrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(190, await TestEmulator.ErrorCodeAsync(response));
    }

    internal static Task<HttpResponseMessage> CreateAsync(TestEmulator emulator, string name, string language, string category, string body) =>
        emulator.PostJsonAsync(
            $"/v21.0/{TestEmulator.WabaId}/message_templates",
            new { name, language, category, components = new object[] { new { type = "BODY", text = body } } },
            TestEmulator.Token);

    private static async Task<JsonElement> ListAsync(TestEmulator emulator)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v21.0/{TestEmulator.WabaId}/message_templates");
        request.Headers.Authorization = new("Bearer", TestEmulator.Token);
        using var response = await emulator.Client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
