using System.Globalization;
using System.Security.Cryptography;
using PesanAI.CloudApiEmulator.Faults;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Messaging;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>Meta's media API: upload, <c>GET /{media-id}</c> (with the injected media faults), and delete.</summary>
internal static class MediaEndpoints
{
    public static void MapMediaEndpoints(this IEndpointRouteBuilder graph)
    {
        graph.MapPost("/{phoneNumberId}/media", UploadAsync);
        // Literal routes (/_emulator/..., the download path) take precedence over this catch-all shape.
        graph.MapGet("/{mediaId}", GetAsync);
        graph.MapDelete("/{mediaId}", Delete);
    }

    private static async Task<IResult> UploadAsync(string phoneNumberId, HttpContext context, NumberRegistry numbers, MediaLibrary library)
    {
        if (numbers.Find(phoneNumberId) is not { } number)
        {
            return MetaErrors.UnknownObject(phoneNumberId).ToResult();
        }

        if (!NumberRegistry.TokenMatches(number, GraphRequest.Token(context.Request)))
        {
            return MetaErrors.InvalidToken().ToResult();
        }

        BodyReader.AllowMediaSizedBody(context);
        var form = await UploadForm.ReadAsync(context.Request, context.RequestAborted);
        var error = form is null
            ? MetaErrors.InvalidParameter("The request must be multipart/form-data with messaging_product, file and type")
            : Check(form);
        if (error is not null)
        {
            return error.ToResult();
        }

        var item = library.Add(number, form!.Type!, form.File!.Value, MediaOrigin.Uploaded, form.FileName);
        return EmulatorJson.Result(new { id = item.Id });
    }

    /// <summary>Missing fields are 100; a type Meta does not take, a MIME mismatch or an oversized file are 131053.</summary>
    private static GraphError? Check(UploadForm form)
    {
        if (form.MessagingProduct != "whatsapp")
        {
            return MetaErrors.InvalidParameter("The parameter messaging_product is required and must be whatsapp.");
        }

        if (form.File is null)
        {
            return MetaErrors.InvalidParameter("The parameter file is required.");
        }

        if (string.IsNullOrEmpty(form.Type))
        {
            return MetaErrors.InvalidParameter("The parameter type is required.");
        }

        var type = MediaTypes.Normalize(form.Type);
        if (MediaTypes.Find(type) is not { } limit)
        {
            return MetaErrors.MediaUpload($"Unsupported media type '{type}': see the supported media types");
        }

        // A file part without its own Content-Type is taken as the declared type; one with a different type is a mismatch.
        if (form.FileMime is { } fileMime && MediaTypes.Normalize(fileMime) != type)
        {
            return MetaErrors.MediaUpload($"MIME type mismatch: the file is {MediaTypes.Normalize(fileMime)} but type is {type}");
        }

        if (form.FileTooLarge || form.File.Value.Length > limit.MaxBytes)
        {
            return MetaErrors.MediaUpload($"File too large: {type} ({limit.Kind}) allows at most {limit.MaxBytes} bytes");
        }

        return form.File.Value.IsEmpty ? MetaErrors.MediaUpload("The file is empty") : null;
    }

    private static async Task<IResult> GetAsync(
        string mediaId, HttpContext context, NumberRegistry numbers, MediaLibrary library, FaultInjector faults, SendLog log, Health.HealthBook health)
    {
        // GET /{phone-number-id} shares the shape: a number's id answers with its node (no media faults).
        if (numbers.Find(mediaId) is { } number)
        {
            return Health.HealthEndpoints.NumberNode(number, context.Request, health);
        }

        var settings = faults.Current;
        var (fault, unavailable) = faults.DrawMedia();
        if (!await MediaHttp.PauseAsync(settings.MediaLatencyMs, context.RequestAborted))
        {
            return Results.Empty;
        }

        if (fault == MediaFault.Error5xx)
        {
            log.Fault("media_error_5xx");
            return MetaErrors.ServerError(unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError).ToResult();
        }

        var (item, error) = MediaAccess.Resolve(context.Request, mediaId, "get", numbers, library);
        if (error is not null)
        {
            return error.ToResult();
        }

        var sha256 = item!.Sha256;
        if (fault == MediaFault.WrongSha256)
        {
            log.Fault("media_wrong_sha256");
            sha256 = Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(sha256)));
        }

        var url = library.IssueUrl(item, MediaHttp.Host(context.Request));
        return EmulatorJson.Result(new MediaAnswer(
            "whatsapp", url.ToString(), item.MimeType, sha256, item.Size.ToString(CultureInfo.InvariantCulture), item.Id));
    }

    private static IResult Delete(string mediaId, HttpContext context, NumberRegistry numbers, MediaLibrary library)
    {
        var (item, error) = MediaAccess.Resolve(context.Request, mediaId, "delete", numbers, library);
        if (error is not null)
        {
            return error.ToResult();
        }

        library.Delete(item!.Id);
        return EmulatorJson.Result(new { success = true });
    }

    /// <summary>Meta's field order; <c>file_size</c> is a string, as Meta sends it.</summary>
    private sealed record MediaAnswer(string MessagingProduct, string Url, string MimeType, string Sha256, string FileSize, string Id);
}
