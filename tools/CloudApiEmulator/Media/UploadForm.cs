using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// The multipart form of <c>POST /{phone-number-id}/media</c>: <c>messaging_product</c>, <c>type</c> and the
/// <c>file</c> part with its own Content-Type, read section by section from the request stream.
/// </summary>
internal sealed record UploadForm(string? MessagingProduct, string? Type, string? FileMime, string? FileName, ReadOnlyMemory<byte>? File, bool FileTooLarge)
{
    /// <summary>The form, or null when the body is not multipart/form-data or is malformed.</summary>
    public static async Task<UploadForm?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return null;
        }

        // The section length is capped by ReadCappedAsync per MIME type, and the request by Kestrel's raised limit.
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        var form = new UploadForm(null, null, null, null, null, false);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                form = await form.WithSectionAsync(section, request.ContentLength, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return null;
        }

        return form;
    }

    private async Task<UploadForm> WithSectionAsync(MultipartSection section, long? requestLength, CancellationToken cancellationToken)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
        {
            await section.Body.CopyToAsync(Stream.Null, cancellationToken);
            return this;
        }

        var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
        if (name == "file" && File is null)
        {
            var mime = section.ContentType;
            var cap = MediaTypes.Find(mime ?? "")?.MaxBytes ?? MediaTypes.MaxBytes;
            var (bytes, tooLarge) = await BodyReader.ReadCappedAsync(section.Body, requestLength, cap, cancellationToken);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            return this with { File = bytes, FileTooLarge = tooLarge, FileMime = mime, FileName = fileName };
        }

        using var text = new StreamReader(section.Body);
        var value = (await text.ReadToEndAsync(cancellationToken)).Trim();
        return name switch
        {
            "messaging_product" => this with { MessagingProduct = value },
            "type" => this with { Type = value },
            _ => this,
        };
    }
}
