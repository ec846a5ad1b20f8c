using System.Net;
using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Meta's media table on upload: refused types, MIME mismatches and oversized files are 131053 and store nothing.</summary>
public sealed class MediaUploadTests
{
    public static TheoryData<int, string, string?> Refused => new()
    {
        { (5 * 1024 * 1024) + 1, "image/jpeg", "(type)" },        // images: 5 MB
        { (500 * 1024) + 1, "image/webp", "(type)" },            // stickers: 500 KB (animated)
        { (16 * 1024 * 1024) + 1, "audio/mpeg", "(type)" },      // audio: 16 MB
        { 100, "application/zip", "(type)" },                    // not in Meta's table
        { 100, "image/jpeg", "application/pdf" },                // the file is not what type says
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refused_upload_is_131053_and_nothing_is_stored(int size, string type, string? fileMime)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.UploadAsync(MediaCalls.Bytes(size), type, fileMime);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(131053, await TestEmulator.ErrorCodeAsync(response));
        Assert.Equal(0, (await emulator.GetJsonAsync("/_emulator/media")).GetArrayLength());
    }

    [Fact]
    public async Task Missing_messaging_product_is_100()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.UploadAsync(MediaCalls.Bytes(10), "image/png", messagingProduct: null);

        Assert.Equal(100, await TestEmulator.ErrorCodeAsync(response));
        Assert.Equal(0, (await emulator.GetJsonAsync("/_emulator/media")).GetArrayLength());
    }

    [Fact]
    public async Task Upload_checks_the_number_and_its_token()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var wrongToken = await emulator.UploadAsync(MediaCalls.Bytes(10), "image/png", token: "EAAGwrong");
        using var unknownNumber = await emulator.UploadAsync(MediaCalls.Bytes(10), "image/png", numberId: "999");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(190, await TestEmulator.ErrorCodeAsync(wrongToken));
        Assert.Equal(100, await TestEmulator.ErrorCodeAsync(unknownNumber));
    }

    [Fact]
    public async Task A_file_part_without_content_type_takes_the_declared_type()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.UploadAsync(MediaCalls.Bytes(10), "audio/ogg; codecs=opus", fileMime: null);

        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal("audio/ogg", (await emulator.MediaInfoAsync(id)).GetProperty("mime_type").GetString());
    }

    [Fact]
    public async Task A_document_over_kestrels_default_body_limit_is_accepted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var bytes = MediaCalls.Bytes(40 * 1024 * 1024);

        var id = await emulator.UploadIdAsync(bytes, "application/pdf");

        var info = await emulator.MediaInfoAsync(id);
        Assert.Equal(MediaCalls.Sha256Hex(bytes), info.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), info.GetProperty("file_size").GetString());
    }
}
