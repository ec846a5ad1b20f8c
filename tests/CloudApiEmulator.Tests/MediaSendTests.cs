using System.Net;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Sends by media id are checked like Meta's, and the bytes the business sent stay readable for tests.</summary>
public sealed class MediaSendTests
{
    private const string Customer = "6281200000070";

    [Fact]
    public async Task Send_by_uploaded_id_is_accepted_and_its_bytes_stay_readable_after_delete()
    {
        await using var emulator = await StartWithWindowAsync();
        var bytes = MediaCalls.Bytes(2000);
        var id = await emulator.UploadIdAsync(bytes, "image/png");

        await TestEmulator.AcceptedWamidAsync(await SendAsync(emulator, "image", id));
        using var delete = await emulator.MediaAsync(id, method: HttpMethod.Delete);
        delete.EnsureSuccessStatusCode();

        var sent = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal(id, sent.GetProperty("media_id").GetString());
        using var inspected = await emulator.Client.GetAsync($"/_emulator/media/{id}");
        Assert.Equal("image/png", inspected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await inspected.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Pdf_id_is_refused_as_image_and_accepted_as_document()
    {
        await using var emulator = await StartWithWindowAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(100), "application/pdf");

        using var asImage = await SendAsync(emulator, "image", id);
        Assert.Equal(131053, await TestEmulator.ErrorCodeAsync(asImage));
        await TestEmulator.AcceptedWamidAsync(await SendAsync(emulator, "document", id));
    }

    [Fact]
    public async Task Unknown_id_and_another_wabas_id_are_refused()
    {
        await using var emulator = await StartWithWindowAsync();
        await emulator.AddOtherWabaNumberAsync();
        var foreign = await UploadForOtherWabaAsync(emulator);

        using var unknown = await SendAsync(emulator, "image", "1234567890123456");
        using var otherWaba = await SendAsync(emulator, "image", foreign);

        Assert.Equal(131053, await TestEmulator.ErrorCodeAsync(unknown));
        Assert.Equal(131053, await TestEmulator.ErrorCodeAsync(otherWaba));
        Assert.Equal(0, (await emulator.GetJsonAsync("/_emulator/stats")).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Expired_id_is_refused()
    {
        await using var emulator = await StartWithWindowAsync(o => o.UploadedMediaLifetime = TimeSpan.FromMilliseconds(300));
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(100), "image/jpeg");

        await MediaCalls.UntilAsync(async () =>
        {
            using var response = await emulator.MediaAsync(id);
            return response.StatusCode == HttpStatusCode.BadRequest;
        });

        using var send = await SendAsync(emulator, "image", id);
        Assert.Equal(131053, await TestEmulator.ErrorCodeAsync(send));
    }

    [Fact]
    public async Task Media_stored_through_the_admin_shortcut_as_uploaded_is_sendable()
    {
        await using var emulator = await StartWithWindowAsync();
        var content = new ByteArrayContent(MediaCalls.Bytes(100)) { Headers = { ContentType = new("video/mp4") } };
        using var stored = await emulator.Client.PostAsync($"/_emulator/media?phone_number_id={TestEmulator.NumberId}&origin=uploaded", content);
        var item = System.Text.Json.JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal("uploaded", item.GetProperty("origin").GetString());
        await TestEmulator.AcceptedWamidAsync(await SendAsync(emulator, "video", item.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Send_by_link_is_unchanged()
    {
        await using var emulator = await StartWithWindowAsync();

        var content = new JsonObject { ["link"] = "https://example.com/a.jpg" };
        await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Payloads.Message(Customer, "image", content).ToJsonString()));

        var sent = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.False(sent.TryGetProperty("media_id", out _));
    }

    private static Task<HttpResponseMessage> SendAsync(TestEmulator emulator, string type, string mediaId) =>
        emulator.SendAsync(Payloads.Message(Customer, type, new JsonObject { ["id"] = mediaId }).ToJsonString());

    private static async Task<string> UploadForOtherWabaAsync(TestEmulator emulator)
    {
        using var response = await emulator.UploadAsync(
            MediaCalls.Bytes(100), "image/jpeg", token: MediaCalls.OtherWabaToken, numberId: MediaCalls.OtherWabaNumber);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<TestEmulator> StartWithWindowAsync(Action<EmulatorOptions>? configure = null)
    {
        var emulator = await TestEmulator.StartAsync(configure);
        await emulator.SimulateTextAsync(Customer);
        return emulator;
    }
}
