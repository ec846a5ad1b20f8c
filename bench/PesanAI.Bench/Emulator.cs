using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PesanAI.CloudApiEmulator;

namespace PesanAI.Bench;

/// <summary>A send the emulator accepted (GET /_emulator/messages); PesanAI's message id is the callback data.</summary>
internal sealed record MetaSend(string Wamid, string To, string? BizOpaqueCallbackData, DateTimeOffset AcceptedAt);

internal sealed record WebhookCounts(long Posted, long Succeeded, long Retried, long GaveUp);

/// <summary>GET /_emulator/stats: accepted sends, rejections by Meta's code, double sends, webhook posts.</summary>
internal sealed record MetaStats(int Accepted, Dictionary<string, long> Rejected, long Duplicates, WebhookCounts Webhooks)
{
    public long RejectedWith(string code) => Rejected.GetValueOrDefault(code);
}

/// <summary>The WhatsApp Cloud API emulator in this process on a free port, used through its HTTP admin endpoints.</summary>
internal sealed class Emulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private Emulator(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public static async Task<Emulator> StartAsync(Uri webhookUrl, WebhookDeliveryOptions? delivery = null)
    {
        var options = new EmulatorOptions { Url = "http://127.0.0.1:0", WebhookUrl = webhookUrl, Delivery = delivery ?? new WebhookDeliveryOptions() };
        var app = EmulatorHost.Build(options, ["--Logging:LogLevel:Default=Warning"]);
        return new Emulator(app, await EmulatorHost.StartAsync(app));
    }

    public async Task AddNumberAsync(BenchNumber number, int throughputPerSecond)
    {
        ArgumentNullException.ThrowIfNull(number);
        using var response = await _http.PostAsJsonAsync("/_emulator/numbers", new
        {
            phone_number_id = number.PhoneNumberId,
            display_phone_number = number.DisplayPhoneNumber,
            waba_id = number.WabaId,
            access_token = number.AccessToken,
            app_secret = number.AppSecret,
            throughput_per_second = throughputPerSecond,
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Sets the number's throughput level at Meta (STANDARD or HIGH) without a webhook: PesanAI reads it with
    /// GET /{phone-number-id} when the number is registered. <paramref name="throughputPerSecond"/> stays the emulator's limit.
    /// </summary>
    public async Task SetLevelAsync(string phoneNumberId, string level, int throughputPerSecond)
    {
        using var response = await _http.PostAsJsonAsync($"/_emulator/numbers/{phoneNumberId}/quality", new
        {
            throughput_level = level,
            throughput_per_second = throughputPerSecond,
            webhook = false,
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The customer writes (which opens the 24-hour window at both ends); true when PesanAI answered the webhook 200.</summary>
    public async Task<bool> CustomerWritesAsync(string phoneNumberId, string waId)
    {
        using var response = await _http.PostAsJsonAsync("/_emulator/simulate", new
        {
            phone_number_id = phoneNumberId,
            from = waId,
            profile_name = "Pelanggan",
            type = "text",
            text = new { body = "Halo, pesanan saya sudah dikirim?" },
        });
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode && reply.RootElement.TryGetProperty("webhook_status", out var status) && status.GetInt32() == 200;
    }

    /// <summary>A customer's file into the emulator's media library (raw body, Content-Type = MIME type): Meta's media id.</summary>
    public async Task<string> StoreMediaAsync(string phoneNumberId, byte[] bytes, string mimeType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mimeType);
        using var response = await _http.PostAsync($"/_emulator/media?phone_number_id={phoneNumberId}", content);
        response.EnsureSuccessStatusCode();
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return reply.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("The emulator answered no media id.");
    }

    /// <summary>The customer sends an image already in the media library; the wamid when PesanAI answered the webhook 200, else null.</summary>
    public async Task<string?> CustomerSendsImageAsync(string phoneNumberId, string waId, string metaMediaId)
    {
        using var response = await _http.PostAsJsonAsync("/_emulator/simulate", new
        {
            phone_number_id = phoneNumberId,
            from = waId,
            profile_name = "Pelanggan",
            type = "image",
            image = new { id = metaMediaId },
        });
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode && reply.RootElement.TryGetProperty("webhook_status", out var status) && status.GetInt32() == 200
            ? reply.RootElement.GetProperty("wamid").GetString()
            : null;
    }

    public async Task<IReadOnlyList<MetaSend>> MessagesAsync(string phoneNumberId) =>
        await _http.GetFromJsonAsync<List<MetaSend>>($"/_emulator/messages?phone_number_id={phoneNumberId}", Json) ?? [];

    public async Task<MetaStats> StatsAsync() =>
        await _http.GetFromJsonAsync<MetaStats>("/_emulator/stats", Json) ?? throw new InvalidOperationException("The emulator answered no stats.");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
