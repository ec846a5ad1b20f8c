using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// A send by media id (<c>image: {id}</c>, ...), checked like Meta: the id is live, belongs to a number of the
/// sender's WABA (uploaded or received by it), and its MIME type fits the message type. Refusals are 131053,
/// answered at once; Meta may instead accept such a send and fail it in a status with 131053.
/// </summary>
internal static class SendMedia
{
    private static readonly HashSet<string> MessageTypes = ["image", "audio", "video", "document", "sticker"];

    /// <summary>The referenced item (null for a link or a non-media send), or the refusal.</summary>
    public static (MediaItem? Item, GraphError? Error) Check(MediaLibrary library, BusinessNumber number, string type, JsonElement body) =>
        !MessageTypes.Contains(type) || body.Object(type)?.String("id") is not { } id ? (null, null) : CheckId(library, number, type, id);

    /// <summary>A media id sent as <paramref name="type"/> (a message, or a template's media header).</summary>
    public static (MediaItem? Item, GraphError? Error) CheckId(MediaLibrary library, BusinessNumber number, string type, string id)
    {
        if (library.Find(id) is not { } item || item.WabaId != number.WabaId)
        {
            return (null, MetaErrors.MediaUpload(
                $"Media id {id} does not exist, has expired, or belongs to another WhatsApp Business Account"));
        }

        return MediaTypes.Fits(type, item.MimeType)
            ? (item, null)
            : (null, MetaErrors.MediaUpload($"Media id {id} is {item.MimeType}, which cannot be sent as {type}"));
    }
}
