using System.Net;
using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Meta's media API: upload, <c>GET /{media-id}</c>, the bearer-only download URL, lifetimes and delete.</summary>
public sealed class MediaTests
{
    [Fact]
    public async Task Uploaded_media_downloads_byte_identical_with_the_announced_sha256_and_size()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var bytes = MediaCalls.Bytes(50_000);

        var id = await emulator.UploadIdAsync(bytes, "image/jpeg");
        var info = await emulator.MediaInfoAsync(id);

        Assert.Equal(["messaging_product", "url", "mime_type", "sha256", "file_size", "id"], info.EnumerateObject().Select(p => p.Name));
        Assert.Equal("whatsapp", info.GetProperty("messaging_product").GetString());
        Assert.Equal("image/jpeg", info.GetProperty("mime_type").GetString());
        Assert.Equal(MediaCalls.Sha256Hex(bytes), info.GetProperty("sha256").GetString());
        Assert.Equal("50000", info.GetProperty("file_size").GetString());
        Assert.Equal(id, info.GetProperty("id").GetString());
        Assert.True(id.All(char.IsAsciiDigit), id);

        using var download = await emulator.DownloadAsync(info.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(50_000, download.Content.Headers.ContentLength);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_needs_the_bearer_token_of_the_media_waba()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddOtherWabaNumberAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(100), "image/png");
        var url = (await emulator.MediaInfoAsync(id)).GetProperty("url").GetString()!;

        using var anonymous = await emulator.DownloadAsync(url, token: null);
        using var wrong = await emulator.DownloadAsync(url, token: "EAAGnot-a-token");
        using var otherWaba = await emulator.DownloadAsync(url, token: MediaCalls.OtherWabaToken);
        using var owner = await emulator.DownloadAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherWaba.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task Expired_url_is_404_and_a_fresh_get_gives_a_working_url()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MediaUrlLifetime = TimeSpan.FromMilliseconds(300));
        var bytes = MediaCalls.Bytes(1000);
        var id = await emulator.UploadIdAsync(bytes, "audio/ogg");
        var first = (await emulator.MediaInfoAsync(id)).GetProperty("url").GetString()!;

        await MediaCalls.UntilAsync(async () =>
        {
            using var response = await emulator.DownloadAsync(first);
            return response.StatusCode == HttpStatusCode.NotFound;
        });

        var fresh = (await emulator.MediaInfoAsync(id)).GetProperty("url").GetString()!;
        Assert.NotEqual(first, fresh);
        using var download = await emulator.DownloadAsync(fresh);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Expired_id_answers_meta_error_100_and_its_url_stops_working()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.UploadedMediaLifetime = TimeSpan.FromMilliseconds(500));
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(1000), "video/mp4");
        var url = (await emulator.MediaInfoAsync(id)).GetProperty("url").GetString()!;

        await MediaCalls.UntilAsync(async () =>
        {
            using var response = await emulator.MediaAsync(id);
            return response.StatusCode == HttpStatusCode.BadRequest;
        });

        using var again = await emulator.MediaAsync(id);
        var error = await ErrorAsync(again);
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal(33, error.GetProperty("error_subcode").GetInt32());
        Assert.StartsWith("Unsupported get request", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var download = await emulator.DownloadAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task Delete_answers_success_and_the_id_is_gone()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(10), "application/pdf");

        using var delete = await emulator.MediaAsync(id, method: HttpMethod.Delete, query: $"?phone_number_id={TestEmulator.NumberId}");
        Assert.Equal("""{"success":true}""", await delete.Content.ReadAsStringAsync());

        using var get = await emulator.MediaAsync(id);
        Assert.Equal(100, (await ErrorAsync(get)).GetProperty("code").GetInt32());
        using var deleteAgain = await emulator.MediaAsync(id, method: HttpMethod.Delete);
        Assert.StartsWith("Unsupported delete request", (await ErrorAsync(deleteAgain)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_checks_the_token_and_the_optional_phone_number_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AddOtherWabaNumberAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(10), "text/plain");

        using var anonymous = await emulator.MediaAsync(id, token: null);
        using var otherWaba = await emulator.MediaAsync(id, token: MediaCalls.OtherWabaToken);
        using var notOwner = await emulator.MediaAsync(id, query: $"?phone_number_id={MediaCalls.OtherWabaNumber}");
        using var owner = await emulator.MediaAsync(id, query: $"?phone_number_id={TestEmulator.NumberId}");
        using var unknown = await emulator.MediaAsync("1234567890123456");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(190, (await ErrorAsync(anonymous)).GetProperty("code").GetInt32());
        Assert.Equal(100, (await ErrorAsync(otherWaba)).GetProperty("code").GetInt32());
        Assert.Equal(100, (await ErrorAsync(notOwner)).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(100, (await ErrorAsync(unknown)).GetProperty("code").GetInt32());
    }

    internal static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadAsStringAsync();
        Assert.False(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("error").Clone();
    }
}
