using System.Text.Json;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// The media object of a simulated customer message. Inline bytes (<c>"media": {base64, mime_type, filename?}</c>)
/// are stored as inbound media first; an id the library knows gets Meta's <c>mime_type</c>, <c>sha256</c> (hex, as
/// <c>GET /{media-id}</c> gives it) and, as Meta sends since Nov 2025, a download <c>url</c>.
/// </summary>
internal static class InboundMedia
{
    private static readonly HashSet<string> MessageTypes = ["image", "audio", "video", "document", "sticker"];

    /// <summary>The type's object to put on the webhook (null: copy the request's as given), or a problem.</summary>
    public static (JsonObject? TypeObject, MediaItem? Item, string? Problem) Prepare(
        JsonElement request, string type, BusinessNumber number, MediaLibrary library, Uri host)
    {
        var inline = request.Object("media");
        if (!MessageTypes.Contains(type))
        {
            return (null, null, inline is null ? null : "media (inline bytes) is only for image, audio, video, document and sticker");
        }

        var typeObject = request.Object(type) is { } given ? JsonNode.Parse(given.GetRawText())!.AsObject() : [];
        if (inline is { } media)
        {
            var (stored, problem) = Store(media, number, library);
            if (stored is null)
            {
                return (null, null, problem);
            }

            typeObject["id"] = stored.Id;
            if (type == "document" && stored.FileName is { } name && !typeObject.ContainsKey("filename"))
            {
                typeObject["filename"] = name;
            }
        }

        if (typeObject["id"]?.GetValueKind() != JsonValueKind.String
            || library.Find(typeObject["id"]!.GetValue<string>()) is not { } item
            || item.WabaId != number.WabaId)
        {
            return inline is null && request.Object(type) is null
                ? (null, null, $"type {type} needs an object named {type} or inline media")
                : (typeObject, null, null);
        }

        typeObject["mime_type"] = item.MimeType;
        typeObject["sha256"] = item.Sha256;
        typeObject["url"] = library.IssueUrl(item, host).ToString();
        if (type == "sticker" && !typeObject.ContainsKey("animated"))
        {
            typeObject["animated"] = false;
        }

        return (typeObject, item, null);
    }

    private static (MediaItem? Item, string? Problem) Store(JsonElement media, BusinessNumber number, MediaLibrary library)
    {
        var mime = MediaTypes.Normalize(media.String("mime_type"));
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(media.String("base64") ?? "");
        }
        catch (FormatException)
        {
            return (null, "media.base64 is not base64");
        }

        return mime.Length == 0 || bytes.Length == 0 || bytes.Length > MediaTypes.MaxBytes
            ? (null, "media needs mime_type and base64 of 1 byte to 100 MB")
            : (library.Add(number, mime, bytes, MediaOrigin.Inbound, media.String("filename")), null);
    }
}
