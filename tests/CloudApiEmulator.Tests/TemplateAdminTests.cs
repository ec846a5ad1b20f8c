using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class TemplateAdminTests
{
    [Fact]
    public async Task Admin_create_is_approved_at_once_announced_by_webhook_and_listed_with_every_component()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var created = await TemplateAdmin.CreateAsync(emulator, "shipping_update", TemplateAdmin.RichComponents());

        var json = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var answer = JsonDocument.Parse(json).RootElement;
        var id = answer.GetProperty("id").GetString()!;
        Assert.Equal("shipping_update", answer.GetProperty("name").GetString());
        Assert.Equal("en", answer.GetProperty("language").GetString());
        Assert.Equal("APPROVED", answer.GetProperty("status").GetString());
        Assert.Equal("UTILITY", answer.GetProperty("category").GetString());
        var webhook = (await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update")).Single();
        Assert.Equal("APPROVED", webhook.Value.GetProperty("event").GetString());
        Assert.Equal(id, webhook.Value.GetProperty("message_template_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (_, list) = await TemplateAdmin.ListAsync(emulator);
        var item = list.GetProperty("data").EnumerateArray().Single();
        Assert.Equal(["category", "components", "id", "language", "name", "parameter_format", "status"], item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("POSITIONAL", item.GetProperty("parameter_format").GetString());
        Assert.Equal(4, item.GetProperty("components").GetArrayLength());
        Assert.Equal("https://shop.example/track/{{1}}", item.GetProperty("components")[3].GetProperty("buttons")[1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Admin_create_takes_a_status_named_parameters_and_a_quality_score()
    {
        await using var emulator = await TestEmulator.StartAsync();
        JsonArray named = [new JsonObject { ["type"] = "BODY", ["text"] = "Hi {{first_name}}, your code is {{code}}" }];

        using var created = await TemplateAdmin.CreateAsync(emulator, "named_pending", named, extra: b =>
        {
            b["status"] = "PENDING";
            b["parameter_format"] = "NAMED";
            b["quality_score"] = "YELLOW";
        });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var (_, list) = await TemplateAdmin.ListAsync(emulator, "?fields=name,status,parameter_format,quality_score");
        var item = list.GetProperty("data")[0];
        Assert.Equal("PENDING", item.GetProperty("status").GetString());
        Assert.Equal("NAMED", item.GetProperty("parameter_format").GetString());
        Assert.Equal("YELLOW", item.GetProperty("quality_score").GetProperty("score").GetString());
        Assert.True(item.GetProperty("quality_score").GetProperty("date").GetInt64() > 0);
        Assert.False(item.TryGetProperty("components", out _));
        Assert.True(item.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Admin_create_twice_is_409_with_metas_duplicate_error_and_bad_shapes_are_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(emulator, "welcome");

        using var again = await TemplateAdmin.CreateAsync(emulator, "welcome");
        using var badFormat = await TemplateAdmin.CreateAsync(emulator, "bad_header", [new JsonObject { ["type"] = "HEADER", ["format"] = "GIF" }, new JsonObject { ["type"] = "BODY", ["text"] = "x" }]);
        using var namedInPositional = await TemplateAdmin.CreateAsync(emulator, "mixed", [new JsonObject { ["type"] = "BODY", ["text"] = "Hi {{first_name}}" }]);
        using var badButton = await TemplateAdmin.CreateAsync(emulator, "bad_button", [new JsonObject { ["type"] = "BODY", ["text"] = "x" }, new JsonObject { ["type"] = "BUTTONS", ["buttons"] = new JsonArray(new JsonObject { ["type"] = "URL", ["text"] = "Go" }) }]);
        using var unknownWaba = await TemplateAdmin.CreateAsync(emulator, "elsewhere", extra: b => b["waba_id"] = "999");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var error = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal(2388024, error.GetProperty("error_subcode").GetInt32());
        foreach (var bad in new[] { badFormat, namedInPositional, badButton, unknownWaba })
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(100, await TestEmulator.ErrorCodeAsync(bad));
        }
    }

    [Fact]
    public async Task Graph_create_accepts_the_same_components_as_the_admin_create()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var created = await emulator.PostJsonAsync(
            $"/v21.0/{TestEmulator.WabaId}/message_templates",
            new JsonObject { ["name"] = "rich", ["language"] = "id", ["category"] = "MARKETING", ["components"] = TemplateAdmin.RichComponents() },
            TestEmulator.Token);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        await emulator.Receiver.WaitForAsync(w => w.Field == "message_template_status_update");
        var (_, list) = await TemplateAdmin.ListAsync(emulator, "?name=rich");
        Assert.Equal("APPROVED", list.GetProperty("data")[0].GetProperty("status").GetString());
    }
}
