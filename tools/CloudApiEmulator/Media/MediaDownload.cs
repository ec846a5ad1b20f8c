using PesanAI.CloudApiEmulator.Faults;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Messaging;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// The download URL <c>GET /{media-id}</c> hands out, shaped like Meta's lookaside URL on the emulator's own host:
/// bearer required (401), 404 once the URL or the id expired, the bytes streamed from the one stored copy.
/// </summary>
internal static class MediaDownload
{
    public const string Path = "/whatsapp_business/attachments/";

    private const int ChunkBytes = 64 * 1024;

    /// <summary>What <see cref="FaultOptions.MediaOversizeRatio"/> appends after the real bytes.</summary>
    private const int OversizeExtraBytes = 64 * 1024;

    public static void MapMediaDownload(this IEndpointRouteBuilder root) => root.MapGet(Path, DownloadAsync);

    private static async Task DownloadAsync(
        string? mid, string? hash, HttpContext context, NumberRegistry numbers, MediaLibrary library, FaultInjector faults, SendLog log)
    {
        var settings = faults.Current;
        var (fault, unavailable) = faults.DrawMedia();
        var wabas = MediaAccess.TokenWabas(context.Request, numbers);
        if (wabas.Count == 0)
        {
            await MetaErrors.InvalidToken().ToResult().ExecuteAsync(context);
            return;
        }

        // A token of another WABA learns nothing more than an expired URL would tell it.
        if (library.Redeem(mid, hash) is not { } item || !wabas.Contains(item.WabaId))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!await MediaHttp.PauseAsync(settings.MediaLatencyMs, context.RequestAborted))
        {
            return;
        }

        if (fault == MediaFault.Error5xx)
        {
            log.Fault("media_error_5xx");
            var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            await MetaErrors.ServerError(status).ToResult().ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = item.MimeType;
        try
        {
            switch (fault)
            {
                case MediaFault.Truncate:
                    log.Fault("media_truncate");
                    response.ContentLength = item.Size;
                    await WriteAsync(response, item.Bytes[..(item.Bytes.Length / 2)], context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                    context.Abort();
                    return;
                case MediaFault.Oversize:
                    // Chunked, without Content-Length: only a client that counts against file_size notices.
                    log.Fault("media_oversize");
                    await WriteAsync(response, item.Bytes, context.RequestAborted);
                    await WriteAsync(response, new byte[OversizeExtraBytes], context.RequestAborted);
                    return;
                default:
                    response.ContentLength = item.Size;
                    await WriteAsync(response, item.Bytes, context.RequestAborted);
                    return;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away mid-download: nothing to answer.
        }
    }

    /// <summary>In chunks from the stored bytes: the response is never a second copy of the file.</summary>
    private static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
        {
            await response.Body.WriteAsync(bytes.Slice(offset, Math.Min(ChunkBytes, bytes.Length - offset)), cancellationToken);
        }
    }
}
