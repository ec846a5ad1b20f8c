extern alias client;

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using client::PesanAI.Protos.Media.V1;
using Google.Protobuf;
using Grpc.Core;
using MediaType = client::PesanAI.Protos.Messaging.V1.MediaType;

namespace PesanAI.Bench;

/// <summary>One direction of a document's round trip: time, and both processes' memory meanwhile.</summary>
internal sealed record DocumentLeg(string Store, string Direction, long Bytes, double Seconds, MemoryUse Server, MemoryUse Client, bool Sha256Equal)
{
    public double MBPerSecond => Bytes / 1_000_000.0 / Seconds;
}

/// <summary>
/// A document through the real gRPC channel: UploadMedia (client-streaming, 256 KiB chunks of seeded random bytes,
/// hashed as they go, so the client never holds the file) then GetMedia (server-streaming, hashed as it arrives).
/// </summary>
internal static class MediaDocument
{
    private const int ChunkBytes = 256 * 1024;

    public static async Task<(DocumentLeg Upload, DocumentLeg Download)> RoundTripAsync(string store, MediaService.MediaServiceClient media, int serverPid, int mib, int seed)
    {
        var size = (long)mib * 1024 * 1024;
        var (server, client) = (MemorySampler.Start(serverPid), MemorySampler.Start(Environment.ProcessId));
        var clock = Stopwatch.GetTimestamp();
        var (info, sent) = await UploadAsync(media, size, seed);
        var uploadSeconds = Stopwatch.GetElapsedTime(clock).TotalSeconds;
        var upload = new DocumentLeg(store, "UploadMedia", size, uploadSeconds, await server.StopAsync(), await client.StopAsync(),
            info.Sha256 == sent && info.Size == size);

        (server, client) = (MemorySampler.Start(serverPid), MemorySampler.Start(Environment.ProcessId));
        clock = Stopwatch.GetTimestamp();
        var (received, bytes) = await DownloadAsync(media, info.MediaId);
        var downloadSeconds = Stopwatch.GetElapsedTime(clock).TotalSeconds;
        var download = new DocumentLeg(store, "GetMedia", size, downloadSeconds, await server.StopAsync(), await client.StopAsync(),
            received == sent && bytes == size);
        return (upload, download);
    }

    public static string Row(DocumentLeg leg) => string.Create(CultureInfo.InvariantCulture,
        $"| {leg.Store} | {leg.Direction} | {leg.Bytes / 1024.0 / 1024.0:0} | {leg.Seconds:0.00} | {leg.MBPerSecond:0.0} | "
        + $"{leg.Server.Before.RssMiB:0} → {leg.Server.PeakRssMiB:0} (+{leg.Server.PeakRssMiB - leg.Server.Before.RssMiB:0}) | "
        + $"{leg.Server.Before.HwmMiB:0} → {leg.Server.After.HwmMiB:0} | "
        + $"{leg.Client.Before.RssMiB:0} → {leg.Client.PeakRssMiB:0} (+{leg.Client.PeakRssMiB - leg.Client.Before.RssMiB:0}) | {(leg.Sha256Equal ? "equal" : "DIFFERENT")} |");

    public const string Header = """
        | store | direction | MiB | seconds | MB/s | server RSS MiB: before → sampled peak (growth) | server VmHWM MiB: start → end | client RSS MiB: before → sampled peak (growth) | SHA-256 |
        |---|---|--:|--:|--:|--:|--:|--:|---|
        """;

    private static async Task<(MediaInfo Info, string Sha256)> UploadAsync(MediaService.MediaServiceClient media, long size, int seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new Random(seed);
        var buffer = new byte[ChunkBytes];
        using var call = media.UploadMedia();
        await call.RequestStream.WriteAsync(new UploadMediaRequest
        {
            Metadata = new UploadMediaMetadata { Type = MediaType.Document, MimeType = "application/pdf", Filename = "bench.pdf", Size = size },
        });
        for (long offset = 0; offset < size; offset += ChunkBytes)
        {
            var length = (int)Math.Min(ChunkBytes, size - offset);
            random.NextBytes(buffer.AsSpan(0, length));
            hash.AppendData(buffer, 0, length);
            await call.RequestStream.WriteAsync(new UploadMediaRequest { Chunk = ByteString.CopyFrom(buffer, 0, length) });
        }

        await call.RequestStream.CompleteAsync();
        return (await call, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<(string Sha256, long Bytes)> DownloadAsync(MediaService.MediaServiceClient media, string mediaId)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var call = media.GetMedia(new GetMediaRequest { MediaId = mediaId });
        long bytes = 0;
        await foreach (var part in call.ResponseStream.ReadAllAsync())
        {
            if (part.PartCase == GetMediaResponse.PartOneofCase.Chunk)
            {
                hash.AppendData(part.Chunk.Span);
                bytes += part.Chunk.Length;
            }
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), bytes);
    }
}
