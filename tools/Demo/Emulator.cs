using System.Net.Http.Json;
using System.Text.Json;

namespace PesanAI.Demo;

/// <summary>The Cloud API emulator's admin side: a business number, and customers who write to it.</summary>
internal sealed class Emulator(HttpClient http)
{
    public sealed record Number(string PhoneNumberId, string DisplayPhoneNumber, string WabaId, string AccessToken, string? AppSecret);

    public async Task<Number> CreateNumberAsync()
    {
        using var response = await http.PostAsJsonAsync("/_emulator/numbers", new { });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var n = json.RootElement;
        return new Number(
            n.GetProperty("phone_number_id").GetString()!,
            n.GetProperty("display_phone_number").GetString()!,
            n.GetProperty("waba_id").GetString()!,
            n.GetProperty("access_token").GetString()!,
            n.TryGetProperty("app_secret", out var secret) ? secret.GetString() : null);
    }

    public async Task<string> CustomerWritesAsync(string phoneNumberId, string waId, string name, string text)
    {
        using var response = await http.PostAsJsonAsync("/_emulator/simulate", new Dictionary<string, object>
        {
            ["phone_number_id"] = phoneNumberId,
            ["from"] = waId,
            ["profile_name"] = name,
            ["type"] = "text",
            ["text"] = new { body = text },
        });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("wamid").GetString()!;
    }
}
