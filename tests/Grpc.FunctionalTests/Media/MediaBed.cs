extern alias client;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using client::PesanAI.Protos.Media.V1;
using MediaType = client::PesanAI.Protos.Messaging.V1.MediaType;
using Google.Protobuf;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.FunctionalTests.Messaging;

namespace PesanAI.FunctionalTests.Media;

/// <summary>Customers who send files through the Cloud API emulator, and the tenant's MediaService to read them back.</summary>
internal sealed class MediaBed(PesanAiApp app)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public MessagingBed Messaging { get; } = new(app);

    public static MediaService.MediaServiceClient MediaOf(SendingTenant tenant) => new(tenant.Agent.Channel);

    /// <summary>Seeded bytes (the same seed gives the same file).</summary>
    public static byte[] Bytes(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The customer sends a file: it goes to the emulator's media library as an inbound file, then the message naming
    /// it is posted as Meta's webhook. Returns the wamid once the message is stored.
    /// </summary>
    public async Task<string> CustomerSendsAsync(SendingTenant tenant, string waId, string type, byte[] bytes, string mimeType, string? caption = null, string profileName = "Sari")
    {
        using var emulator = app.Emulator();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        using var uploaded = await emulator.PostAsync($"/_emulator/media?phone_number_id={tenant.PhoneNumberId}", content);
        uploaded.EnsureSuccessStatusCode();
        var metaId = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var part = new Dictionary<string, object> { ["id"] = metaId };
        if (caption is not null)
        {
            part["caption"] = caption;
        }

        using var response = await emulator.PostAsJsonAsync("/_emulator/simulate", new Dictionary<string, object>
        {
            ["phone_number_id"] = tenant.PhoneNumberId,
            ["from"] = waId,
            ["profile_name"] = profileName,
            ["type"] = type,
            [type] = part,
        });
        response.EnsureSuccessStatusCode();
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, reply.RootElement.GetProperty("webhook_status").GetInt32());
        await app.UntilInboundProcessedAsync();
        return reply.RootElement.GetProperty("wamid").GetString()!;
    }

    public static string MediaIdOf(string wamid) => Application.Media.MediaIds.Inbound(wamid).ToString();

    /// <summary>GetMedia, read to the end: the description and the bytes.</summary>
    public static async Task<(MediaInfo Info, byte[] Bytes)> DownloadAsync(MediaService.MediaServiceClient media, string mediaId)
    {
        using var call = media.GetMedia(new GetMediaRequest { MediaId = mediaId });
        MediaInfo? info = null;
        using var bytes = new MemoryStream();
        await foreach (var part in call.ResponseStream.ReadAllAsync())
        {
            if (part.PartCase == GetMediaResponse.PartOneofCase.Info)
            {
                info = part.Info;
            }
            else
            {
                part.Chunk.WriteTo(bytes);
            }
        }

        return (info!, bytes.ToArray());
    }

    /// <summary>Waits while GetMedia says MEDIA_PENDING; returns the first other answer (the bytes, or the error).</summary>
    public static async Task<(MediaInfo? Info, byte[]? Bytes, RpcException? Error)> UntilFetchedAsync(MediaService.MediaServiceClient media, string mediaId)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            try
            {
                var (info, bytes) = await DownloadAsync(media, mediaId);
                return (info, bytes, null);
            }
            catch (RpcException ex) when (RpcAssert.ReasonOf(ex) == "MEDIA_PENDING" && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (RpcException ex)
            {
                return (null, null, ex);
            }
        }
    }

    public static async Task<MediaInfo> UploadAsync(MediaService.MediaServiceClient media, MediaType type, string mimeType, byte[] bytes, string? filename = null, long size = -1)
    {
        using var call = media.UploadMedia();
        await call.RequestStream.WriteAsync(new UploadMediaRequest
        {
            Metadata = new UploadMediaMetadata { Type = type, MimeType = mimeType, Filename = filename ?? string.Empty, Size = size < 0 ? bytes.Length : size },
        });
        for (var offset = 0; offset < bytes.Length; offset += 256 * 1024)
        {
            await call.RequestStream.WriteAsync(new UploadMediaRequest { Chunk = ByteString.CopyFrom(bytes, offset, Math.Min(256 * 1024, bytes.Length - offset)) });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>The events of one type that name the media, as the store has them (to count them).</summary>
    public async Task<int> EventCountAsync<TEvent>(string tenantId, string conversationId, Func<TEvent, bool> match)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenantId);
        var events = await session.Events.FetchStreamAsync(Guid.Parse(conversationId));
        return events.Count(e => e.Data is TEvent data && match(data));
    }

    /// <summary>Waits until the emulator answers Meta's error for the id (it expired there).</summary>
    public async Task UntilExpiredAtMetaAsync(SendingTenant tenant, string metaMediaId)
    {
        using var emulator = app.Emulator();
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v21.0/{metaMediaId}?phone_number_id={tenant.PhoneNumberId}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.AccessToken);
            using var response = await emulator.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the emulator never expired the media id");
            await Task.Delay(50);
        }
    }
}
