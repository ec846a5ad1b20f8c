using System.Net;
using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class SendTests
{
    [Fact]
    public async Task Accepted_send_answers_with_metas_success_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281234567890");

        using var response = await emulator.SendAsync(Payloads.Text("+62 812-3456-7890", "Halo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["contacts", "messages", "messaging_product"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("whatsapp", body.GetProperty("messaging_product").GetString());
        Assert.Equal("+62 812-3456-7890", body.GetProperty("contacts")[0].GetProperty("input").GetString());
        Assert.Equal("6281234567890", body.GetProperty("contacts")[0].GetProperty("wa_id").GetString());
        Assert.StartsWith("wamid.", body.GetProperty("messages")[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("accepted", body.GetProperty("messages")[0].GetProperty("message_status").GetString());
    }

    [Fact]
    public async Task Wrong_token_is_190_with_401_and_metas_error_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.SendAsync(Payloads.Text("6281234567890", "x"), token: "EAAGwrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(190, error.GetProperty("code").GetInt32());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.Equal("whatsapp", error.GetProperty("error_data").GetProperty("messaging_product").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_data").GetProperty("details").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("fbtrace_id").GetString()));
    }

    [Fact]
    public async Task Unknown_number_is_100()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.SendAsync(Payloads.Text("6281234567890", "x"), numberId: "999");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(100, await TestEmulator.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Messaging_product_other_than_whatsapp_is_100()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281234567890");

        using var response = await emulator.SendAsync("""{"messaging_product":"sms","to":"6281234567890","type":"text","text":{"body":"x"}}""");

        Assert.Equal(100, await TestEmulator.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Mark_as_read_accepts_only_an_inbound_wamid_of_that_number()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var inbound = (await emulator.SimulateTextAsync("6281234567890")).GetProperty("wamid").GetString();

        using var read = await emulator.SendAsync($$"""{"messaging_product":"whatsapp","status":"read","message_id":"{{inbound}}"}""");
        using var unknown = await emulator.SendAsync("""{"messaging_product":"whatsapp","status":"read","message_id":"wamid.unknown"}""");

        Assert.Equal("""{"success":true}""", await read.Content.ReadAsStringAsync());
        Assert.Equal(100, await TestEmulator.ErrorCodeAsync(unknown));
    }
}
