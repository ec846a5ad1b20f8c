using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Simulated customer messages must look exactly like Meta's (the webhook parser's fixtures).</summary>
public sealed class SimulateTests
{
    public static TheoryData<string, string> Messages => new()
    {
        { "text", """{"type":"text","text":{"body":"Hello, is the blue shirt still in stock?"}}""" },
        {
            "image",
            """{"type":"image","image":{"caption":"Like this one","mime_type":"image/jpeg","sha256":"SfInY0gXOsBHHm/sJJKvxC6OEzvD5ivfXv6gbT7DBzg=","id":"1003383421387256","url":"https://lookaside.fbsbx.com/x"}}"""
        },
        {
            "interactive_button_reply",
            """{"type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"cancel-order","title":"Cancel order"}},"context":{"from":"15550783881","id":"wamid.X"}}"""
        },
        {
            "location",
            """{"type":"location","location":{"address":"1 Hacker Way","latitude":37.48,"longitude":-122.14,"name":"Philz Coffee","url":"https://philzcoffee.com"}}"""
        },
        { "request_welcome", """{"type":"request_welcome"}""" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Simulated_message_has_the_fixtures_shape(string fixture, string request)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var body = JsonNode.Parse(request)!.AsObject();
        body["from"] = "16505551234";
        body["profile_name"] = "Sheena Nelson";

        var answer = await emulator.SimulateAsync(body);

        Assert.Equal(200, answer.GetProperty("webhook_status").GetInt32());
        var webhook = Assert.Single(emulator.Receiver.Received);
        Assert.Equal(KeyPaths.OfFixture(fixture), KeyPaths.Of(webhook.Json));
        var message = webhook.Value.GetProperty("messages")[0];
        Assert.Equal(answer.GetProperty("wamid").GetString(), message.GetProperty("id").GetString());
        Assert.Equal(TestEmulator.NumberId, webhook.Value.GetProperty("metadata").GetProperty("phone_number_id").GetString());
        Assert.True(long.Parse(message.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 1_700_000_000);
    }

    [Fact]
    public async Task Unknown_number_is_refused()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/_emulator/simulate", new { phone_number_id = "404", from = "1", type = "text", text = new { body = "x" } });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(emulator.Receiver.Received);
    }
}
