using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Templates created directly at the emulator (as in Business Manager) and Graph's listing.</summary>
internal static class TemplateAdmin
{
    /// <summary>An image header, a positional body, a footer and a quick-reply, a URL-with-suffix and a copy-code button.</summary>
    public static JsonArray RichComponents() =>
    [
        new JsonObject { ["type"] = "HEADER", ["format"] = "IMAGE" },
        new JsonObject { ["type"] = "BODY", ["text"] = "Hi {{1}}, order {{2}} has shipped" },
        new JsonObject { ["type"] = "FOOTER", ["text"] = "Reply STOP to opt out" },
        new JsonObject
        {
            ["type"] = "BUTTONS",
            ["buttons"] = new JsonArray(
                new JsonObject { ["type"] = "QUICK_REPLY", ["text"] = "Thanks" },
                new JsonObject { ["type"] = "URL", ["text"] = "Track", ["url"] = "https://shop.example/track/{{1}}" },
                new JsonObject { ["type"] = "COPY_CODE", ["example"] = "SAVE10" }),
        },
    ];

    public static async Task<HttpResponseMessage> CreateAsync(
        TestEmulator emulator, string name, JsonArray? components = null, string language = "en", string category = "UTILITY", Action<JsonObject>? extra = null)
    {
        var body = new JsonObject
        {
            ["waba_id"] = TestEmulator.WabaId,
            ["name"] = name,
            ["language"] = language,
            ["category"] = category,
            ["components"] = components ?? [new JsonObject { ["type"] = "BODY", ["text"] = "Hello {{1}}" }],
        };
        extra?.Invoke(body);
        return await emulator.PostJsonAsync("/_emulator/templates", body);
    }

    /// <summary>Creates an APPROVED template and returns its id (fails the test otherwise).</summary>
    public static async Task<string> CreateApprovedAsync(
        TestEmulator emulator, string name, JsonArray? components = null, string language = "en", string category = "UTILITY", Action<JsonObject>? extra = null)
    {
        using var response = await CreateAsync(emulator, name, components, language, category, extra);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Json)> ListAsync(TestEmulator emulator, string query = "", string token = TestEmulator.Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v21.0/{TestEmulator.WabaId}/message_templates{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await emulator.Client.SendAsync(request);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
