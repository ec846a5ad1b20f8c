using System.Globalization;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// The test side of the media library, without auth: a customer's file to simulate with, the bytes a business
/// sent or uploaded, and the list of live items.
/// </summary>
internal static class MediaAdminEndpoints
{
    public static void MapMediaAdminEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/media", StoreInboundAsync);
        admin.MapGet("/media", (string? phone_number_id, MediaLibrary library) =>
            EmulatorJson.Result(library.Live(phone_number_id).Select(Describe)));
        admin.MapGet("/media/{mediaId}", (string mediaId, MediaLibrary library) =>
            library.Inspect(mediaId) is { } item
                ? Results.Bytes(item.Bytes, item.MimeType)
                : Results.NotFound(new { error = "no media with this id" }));
    }

    /// <summary>
    /// The raw body is the file and its Content-Type the MIME type; stored as a customer's (inbound) media, or with
    /// <c>origin=uploaded</c> as if the number had uploaded it (a test's shortcut past multipart; Meta's table is not applied).
    /// </summary>
    private static async Task<IResult> StoreInboundAsync(
        string? phone_number_id, string? filename, string? origin, HttpContext context, NumberRegistry numbers, MediaLibrary library)
    {
        if (origin is not (null or "inbound" or "uploaded"))
        {
            return Results.BadRequest(new { error = "origin is inbound (the default) or uploaded" });
        }

        if (numbers.Find(phone_number_id ?? "") is not { } number)
        {
            return Results.BadRequest(new { error = "phone_number_id is not a number of the emulator" });
        }

        var mime = MediaTypes.Normalize(context.Request.ContentType);
        if (mime.Length == 0)
        {
            return Results.BadRequest(new { error = "the Content-Type header is the media's MIME type and is required" });
        }

        BodyReader.AllowMediaSizedBody(context);
        var (bytes, tooLarge) = await BodyReader.ReadCappedAsync(
            context.Request.Body, context.Request.ContentLength, MediaTypes.MaxBytes, context.RequestAborted);
        if (tooLarge || bytes.IsEmpty)
        {
            return Results.BadRequest(new { error = $"the body is the file: 1 to {MediaTypes.MaxBytes} bytes" });
        }

        var item = library.Add(number, mime, bytes, origin == "uploaded" ? MediaOrigin.Uploaded : MediaOrigin.Inbound, filename);
        return EmulatorJson.Result(Describe(item), StatusCodes.Status201Created);
    }

    private static Description Describe(MediaItem item) => new(
        item.Id,
        item.Sha256,
        item.MimeType,
        item.Size.ToString(CultureInfo.InvariantCulture),
        item.PhoneNumberId,
        item.Origin,
        item.FileName,
        item.CreatedAt,
        item.ExpiresAt);

    /// <summary><c>file_size</c> is a string here too, so one parser reads this and <c>GET /{media-id}</c>.</summary>
    private sealed record Description(
        string Id,
        string Sha256,
        string MimeType,
        string FileSize,
        string PhoneNumberId,
        MediaOrigin Origin,
        string? FileName,
        DateTimeOffset CreatedAt,
        DateTimeOffset ExpiresAt);
}
