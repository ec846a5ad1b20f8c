using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Meta's media API as PesanAI's Graph client calls it, against a <see cref="TestEmulator"/>.</summary>
internal static class MediaCalls
{
    public const string OtherWabaNumber = "209876543210987";
    public const string OtherWabaToken = "EAAGother-waba-token";

    /// <summary>Random bytes (the emulator does not sniff content, so a "JPEG" needs no JPEG header).</summary>
    public static byte[] Bytes(int length) => RandomNumberGenerator.GetBytes(length);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary><c>POST /{v}/{number}/media</c>; <paramref name="fileMime"/> null leaves the file part without a Content-Type.</summary>
    public static Task<HttpResponseMessage> UploadAsync(
        this TestEmulator emulator,
        byte[] bytes,
        string type,
        string? fileMime = "(type)",
        string? messagingProduct = "whatsapp",
        string token = TestEmulator.Token,
        string numberId = TestEmulator.NumberId)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        if (fileMime is not null)
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(fileMime == "(type)" ? type : fileMime);
        }

        form.Add(file, "file", "upload.bin");
        form.Add(new StringContent(type), "type");
        if (messagingProduct is not null)
        {
            form.Add(new StringContent(messagingProduct), "messaging_product");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"/v21.0/{numberId}/media") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return emulator.Client.SendAsync(request);
    }

    public static async Task<string> UploadIdAsync(this TestEmulator emulator, byte[] bytes, string type)
    {
        using var response = await emulator.UploadAsync(bytes, type);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary><c>GET</c> or <c>DELETE /{v}/{media-id}</c> with an optional bearer and query.</summary>
    public static Task<HttpResponseMessage> MediaAsync(
        this TestEmulator emulator, string mediaId, string? token = TestEmulator.Token, string query = "", HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, $"/v21.0/{mediaId}{query}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return emulator.Client.SendAsync(request);
    }

    public static async Task<JsonElement> MediaInfoAsync(this TestEmulator emulator, string mediaId)
    {
        using var response = await emulator.MediaAsync(mediaId);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> DownloadAsync(this TestEmulator emulator, string url, string? token = TestEmulator.Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return emulator.Client.SendAsync(request);
    }

    /// <summary>A second business number in another WABA, with its own token.</summary>
    public static async Task AddOtherWabaNumberAsync(this TestEmulator emulator)
    {
        using var response = await emulator.Client.PostAsJsonAsync(
            "/_emulator/numbers", new { phone_number_id = OtherWabaNumber, waba_id = "209999999999999", access_token = OtherWabaToken });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Bounded polling for a positive signal (an expiry has happened), never a fixed sleep.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 5 s");
            await Task.Delay(20);
        }
    }
}
