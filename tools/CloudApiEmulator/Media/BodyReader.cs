using Microsoft.AspNetCore.Http.Features;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>Reads a request body (or one multipart section) into memory once, up to a cap, without reading past it.</summary>
internal static class BodyReader
{
    /// <summary>Room for multipart boundaries and form fields around a 100 MB file.</summary>
    private const long Overhead = MediaTypes.Megabyte;

    /// <summary>Kestrel's default (30 MB) would refuse a 100 MB document; media routes raise it for their own request.</summary>
    public static void AllowMediaSizedBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MediaTypes.MaxBytes + Overhead;
        }
    }

    /// <summary>
    /// The bytes, or TooLarge once more than <paramref name="cap"/> arrived (the rest is drained, so the connection
    /// stays usable for the error answer). The buffer is sized from the length hint so that a large file is not
    /// copied while it grows, and the stored memory is that buffer, not a second copy.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, bool TooLarge)> ReadCappedAsync(
        Stream body, long? lengthHint, long cap, CancellationToken cancellationToken)
    {
        var capacity = (int)Math.Min(Math.Max(lengthHint ?? 0, 0) + 1, cap + 1);
        using var buffer = new MemoryStream(Math.Max(capacity, 4096));
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                await body.CopyToAsync(Stream.Null, cancellationToken);
                return (ReadOnlyMemory<byte>.Empty, true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), false);
    }
}
