namespace PesanAI.Domain.Media;

/// <summary>
/// Meta's table of what each media type may be: the MIME types WhatsApp takes and the largest file. Inbound files are
/// held to the same bounds (Meta does not deliver larger ones), so that a download can never be unbounded.
/// </summary>
public static class MediaLimits
{
    public const long Megabyte = 1024 * 1024;

    private static readonly Dictionary<string, (string[] Mimes, long MaxBytes)> Table = new(StringComparer.Ordinal)
    {
        ["audio"] = (["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], 16 * Megabyte),
        ["document"] = ([
            "text/plain", "application/pdf",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation"], 100 * Megabyte),
        ["image"] = (["image/jpeg", "image/png"], 5 * Megabyte),
        // Meta's limit is 100 KB for a static sticker and 500 KB for an animated one; a file does not say which
        // it is before it is read, so the larger bound applies.
        ["sticker"] = (["image/webp"], 500 * 1024),
        ["video"] = (["video/mp4", "video/3gpp"], 16 * Megabyte),
    };

    /// <summary>image, audio, video, document, sticker.</summary>
    public static IReadOnlyCollection<string> Types => Table.Keys;

    public static bool IsMediaType(string type) => Table.ContainsKey(type);

    /// <summary>The largest file of the type; the largest of all for a type WhatsApp does not have.</summary>
    public static long MaxBytes(string type) => Table.TryGetValue(type, out var limits) ? limits.MaxBytes : 100 * Megabyte;

    public static IReadOnlyList<string> MimeTypes(string type) => Table.TryGetValue(type, out var limits) ? limits.Mimes : [];

    /// <summary>Whether WhatsApp takes <paramref name="mimeType"/> (parameters such as <c>; codecs=opus</c> ignored) for the type.</summary>
    public static bool Accepts(string type, string mimeType) =>
        Table.TryGetValue(type, out var limits) && limits.Mimes.Contains(Essence(mimeType), StringComparer.Ordinal);

    /// <summary>The media type a MIME type belongs to (image/webp is a sticker), or null.</summary>
    public static string? TypeOf(string mimeType)
    {
        var essence = Essence(mimeType);
        return Table.FirstOrDefault(t => t.Value.Mimes.Contains(essence, StringComparer.Ordinal)).Key;
    }

    /// <summary>The MIME type without parameters, lower case: <c>audio/ogg; codecs=opus</c> is <c>audio/ogg</c>.</summary>
    public static string Essence(string mimeType)
    {
        ArgumentNullException.ThrowIfNull(mimeType);
        var semicolon = mimeType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? mimeType : mimeType[..semicolon]).Trim().ToLowerInvariant();
    }
}
