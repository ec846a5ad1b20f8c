using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>
/// The emulator on a free port with a webhook receiver in front of it and one business number
/// (the fixtures' ids), with status delays and retries short enough for tests.
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string NumberId = "106540352242922";
    public const string WabaId = "102290129340398";
    public const string Display = "15550783881";
    public const string Token = "EAAGtest-access-token";
    public const string Secret = "test-app-secret";

    private readonly WebApplication _app;

    private TestEmulator(WebApplication app, Uri address, WebhookReceiver receiver)
    {
        _app = app;
        Receiver = receiver;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public WebhookReceiver Receiver { get; }

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var receiver = await WebhookReceiver.StartAsync(Secret);
        var options = new EmulatorOptions
        {
            Url = "http://127.0.0.1:0",
            WebhookUrl = receiver.Url,
            AppSecret = Secret,
            SentDelay = TimeSpan.FromMilliseconds(5),
            DeliveredDelay = TimeSpan.FromMilliseconds(10),
            ReadDelay = TimeSpan.FromMilliseconds(15),
            Delivery = { FirstRetryDelay = TimeSpan.FromMilliseconds(10) },
            Numbers = { new NumberSeed { PhoneNumberId = NumberId, WabaId = WabaId, DisplayPhoneNumber = Display, AccessToken = Token } },
        };
        configure?.Invoke(options);
        var app = EmulatorHost.Build(options);
        var address = await EmulatorHost.StartAsync(app);
        return new TestEmulator(app, address, receiver);
    }

    /// <summary>Posts raw JSON to the messages endpoint of a number.</summary>
    public Task<HttpResponseMessage> SendAsync(string json, string token = Token, string numberId = NumberId, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v21.0/{numberId}/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client ?? Client).SendAsync(request);
    }

    public Task<HttpResponseMessage> SendTextAsync(string to, string body = "hello", string? callbackData = null) =>
        SendAsync(Payloads.Text(to, body, callbackData));

    /// <summary>The wamid of an accepted send (fails the test otherwise).</summary>
    public static async Task<string> AcceptedWamidAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("messages")[0].GetProperty("id").GetString()!;
    }

    /// <summary>Meta's error code of a rejected send.</summary>
    public static async Task<int> ErrorCodeAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadAsStringAsync();
        Assert.False(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("error").GetProperty("code").GetInt32();
    }

    /// <summary>A customer message through /_emulator/simulate (opens the window); returns the answer.</summary>
    public async Task<JsonElement> SimulateAsync(JsonObject request)
    {
        request["phone_number_id"] ??= NumberId;
        using var response = await Client.PostAsJsonAsync("/_emulator/simulate", request);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public Task<JsonElement> SimulateTextAsync(string from, long? timestamp = null)
    {
        var request = new JsonObject { ["from"] = from, ["type"] = "text", ["text"] = new JsonObject { ["body"] = "hi" } };
        if (timestamp is not null)
        {
            request["timestamp"] = timestamp;
        }

        return SimulateAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path) =>
        JsonDocument.Parse(await Client.GetStringAsync(path)).RootElement.Clone();

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
