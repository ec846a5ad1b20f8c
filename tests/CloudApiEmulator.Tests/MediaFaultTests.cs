using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Media faults by configuration: 5xx, wrong SHA-256, truncated and oversized downloads, latency.</summary>
public sealed class MediaFaultTests
{
    [Fact]
    public async Task Error_5xx_answers_get_media_with_500_or_503()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(100), "image/jpeg");
        await PutFaultsAsync(emulator, new { media_error_5xx_ratio = 1.0 });

        using var response = await emulator.MediaAsync(id);

        Assert.Contains((int)response.StatusCode, new[] { 500, 503 });
        Assert.Equal(1, await FaultCountAsync(emulator, "media_error_5xx"));
    }

    [Fact]
    public async Task Error_5xx_answers_the_download_too()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(100), "image/jpeg");
        var url = (await emulator.MediaInfoAsync(id)).GetProperty("url").GetString()!;
        await PutFaultsAsync(emulator, new { media_error_5xx_ratio = 1.0 });

        using var response = await emulator.DownloadAsync(url);

        Assert.Contains((int)response.StatusCode, new[] { 500, 503 });
    }

    [Fact]
    public async Task Wrong_sha256_announces_a_hash_the_bytes_do_not_have()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var bytes = MediaCalls.Bytes(100);
        var id = await emulator.UploadIdAsync(bytes, "image/jpeg");
        await PutFaultsAsync(emulator, new { media_wrong_sha256_ratio = 1.0 });

        var info = await emulator.MediaInfoAsync(id);

        var announced = info.GetProperty("sha256").GetString()!;
        Assert.Equal(64, announced.Length);
        Assert.NotEqual(MediaCalls.Sha256Hex(bytes), announced);
        using var download = await emulator.DownloadAsync(info.GetProperty("url").GetString()!);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Truncate_sends_fewer_bytes_than_content_length_then_aborts()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(200_000), "video/mp4");
        var url = (await emulator.MediaInfoAsync(id)).GetProperty("url").GetString()!;
        await PutFaultsAsync(emulator, new { media_truncate_ratio = 1.0 });

        using var response = await emulator.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new("Bearer", TestEmulator.Token) } },
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200_000, response.Content.Headers.ContentLength);
        var stream = await response.Content.ReadAsStreamAsync();
        var received = 0L;
        var failed = await Record.ExceptionAsync(async () =>
        {
            var buffer = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        });

        Assert.IsAssignableFrom<IOException>(failed);
        Assert.True(received < 200_000, $"received {received} bytes");
    }

    [Fact]
    public async Task Oversize_sends_more_bytes_than_file_size_announced()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var bytes = MediaCalls.Bytes(1000);
        var id = await emulator.UploadIdAsync(bytes, "image/png");
        var url = (await emulator.MediaInfoAsync(id)).GetProperty("url").GetString()!;
        await PutFaultsAsync(emulator, new { media_oversize_ratio = 1.0 });

        using var download = await emulator.DownloadAsync(url);

        // Chunked: HttpClient fills in Content-Length only after buffering, so the header is what shows it.
        Assert.True(download.Headers.TransferEncodingChunked);
        var received = await download.Content.ReadAsByteArrayAsync();
        Assert.True(received.Length > bytes.Length, $"received {received.Length} bytes");
        Assert.Equal(bytes, received[..bytes.Length]);
    }

    [Fact]
    public async Task Media_latency_delays_get_media()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.UploadIdAsync(MediaCalls.Bytes(100), "image/jpeg");
        await PutFaultsAsync(emulator, new { media_latency_ms = 300 });

        var clock = Stopwatch.StartNew();
        await emulator.MediaInfoAsync(id);

        // A little under 300: the timer may fire on a coarse tick.
        Assert.True(clock.ElapsedMilliseconds >= 280, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Media_ratios_over_one_are_refused()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Client.PutAsJsonAsync("/_emulator/faults", new { media_truncate_ratio = 0.6, media_oversize_ratio = 0.6 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task PutFaultsAsync(TestEmulator emulator, object faults)
    {
        using var put = await emulator.Client.PutAsJsonAsync("/_emulator/faults", faults);
        put.EnsureSuccessStatusCode();
    }

    private static async Task<long> FaultCountAsync(TestEmulator emulator, string kind) =>
        (await emulator.GetJsonAsync("/_emulator/stats")).GetProperty("faults").TryGetProperty(kind, out var count) ? count.GetInt64() : 0;
}
