using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Simulated customer media carries real bytes: the webhook names an id PesanAI can fetch and download.</summary>
public sealed class MediaSimulateTests
{
    private const string Customer = "6281200000080";

    [Fact]
    public async Task Inline_bytes_become_inbound_media_with_mime_sha256_and_url_on_the_webhook()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var bytes = MediaCalls.Bytes(3000);

        var answer = await emulator.SimulateAsync(new JsonObject
        {
            ["from"] = Customer,
            ["type"] = "image",
            ["image"] = new JsonObject { ["caption"] = "transfer receipt" },
            ["media"] = new JsonObject { ["base64"] = Convert.ToBase64String(bytes), ["mime_type"] = "image/jpeg" },
        });

        var image = Assert.Single(emulator.Receiver.Received).Value.GetProperty("messages")[0].GetProperty("image");
        var id = image.GetProperty("id").GetString()!;
        Assert.Equal(answer.GetProperty("media_id").GetString(), id);
        Assert.Equal("transfer receipt", image.GetProperty("caption").GetString());
        Assert.Equal("image/jpeg", image.GetProperty("mime_type").GetString());
        Assert.Equal(MediaCalls.Sha256Hex(bytes), image.GetProperty("sha256").GetString());
        using var download = await emulator.DownloadAsync(image.GetProperty("url").GetString()!);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(MediaCalls.Sha256Hex(bytes), (await emulator.MediaInfoAsync(id)).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Media_stored_first_is_filled_in_by_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var bytes = MediaCalls.Bytes(500);
        var stored = await StoreInboundAsync(emulator, bytes, "audio/ogg");

        await emulator.SimulateAsync(new JsonObject
        {
            ["from"] = Customer,
            ["type"] = "audio",
            ["audio"] = new JsonObject { ["id"] = stored.GetProperty("id").GetString(), ["voice"] = true },
        });

        var audio = Assert.Single(emulator.Receiver.Received).Value.GetProperty("messages")[0].GetProperty("audio");
        Assert.Equal(stored.GetProperty("sha256").GetString(), audio.GetProperty("sha256").GetString());
        Assert.Equal(MediaCalls.Sha256Hex(bytes), audio.GetProperty("sha256").GetString());
        Assert.Equal("500", stored.GetProperty("file_size").GetString());
        Assert.Equal("audio/ogg", audio.GetProperty("mime_type").GetString());
        Assert.True(audio.GetProperty("voice").GetBoolean());
        Assert.StartsWith(emulator.Client.BaseAddress!.ToString(), audio.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound_media_expires_after_its_lifetime()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.InboundMediaLifetime = TimeSpan.FromMilliseconds(300));
        var id = (await StoreInboundAsync(emulator, MediaCalls.Bytes(10), "image/png")).GetProperty("id").GetString()!;

        await MediaCalls.UntilAsync(async () =>
        {
            using var response = await emulator.MediaAsync(id);
            return response.StatusCode == System.Net.HttpStatusCode.BadRequest;
        });

        using var expired = await emulator.MediaAsync(id);
        Assert.Equal(100, (await MediaTests.ErrorAsync(expired)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Inline_document_keeps_its_filename()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await emulator.SimulateAsync(new JsonObject
        {
            ["from"] = Customer,
            ["type"] = "document",
            ["media"] = new JsonObject { ["base64"] = "JVBERi0xLjQK", ["mime_type"] = "application/pdf", ["filename"] = "invoice.pdf" },
        });

        var document = Assert.Single(emulator.Receiver.Received).Value.GetProperty("messages")[0].GetProperty("document");
        Assert.Equal("invoice.pdf", document.GetProperty("filename").GetString());
        Assert.Equal("application/pdf", document.GetProperty("mime_type").GetString());
    }

    private static async Task<JsonElement> StoreInboundAsync(TestEmulator emulator, byte[] bytes, string mime)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mime);
        using var response = await emulator.Client.PostAsync($"/_emulator/media?phone_number_id={TestEmulator.NumberId}", content);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
