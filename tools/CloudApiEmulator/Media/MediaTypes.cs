namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// Meta's supported media table (WHATSAPP.md, "Part 2, 1. Media"): MIME type to message type and size limit.
/// Sizes are read as binary megabytes (5 MB = 5 x 1024 x 1024 bytes): a client that counts decimal megabytes is
/// stricter than the emulator, never looser.
/// </summary>
internal static class MediaTypes
{
    public const long Megabyte = 1024 * 1024;

    /// <summary>The largest file any type allows (documents), and the cap on inbound media.</summary>
    public const long MaxBytes = 100 * Megabyte;

    private static readonly Dictionary<string, (string Kind, long MaxBytes)> Supported = new(StringComparer.Ordinal)
    {
        ["audio/aac"] = ("audio", 16 * Megabyte),
        ["audio/amr"] = ("audio", 16 * Megabyte),
        ["audio/mpeg"] = ("audio", 16 * Megabyte),
        ["audio/mp4"] = ("audio", 16 * Megabyte),
        ["audio/ogg"] = ("audio", 16 * Megabyte),
        ["text/plain"] = ("document", MaxBytes),
        ["application/pdf"] = ("document", MaxBytes),
        ["application/msword"] = ("document", MaxBytes),
        ["application/vnd.ms-excel"] = ("document", MaxBytes),
        ["application/vnd.ms-powerpoint"] = ("document", MaxBytes),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ("document", MaxBytes),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ("document", MaxBytes),
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = ("document", MaxBytes),
        ["image/jpeg"] = ("image", 5 * Megabyte),
        ["image/png"] = ("image", 5 * Megabyte),
        // Static stickers are limited to 100 KB and animated ones to 500 KB; the emulator cannot tell them apart.
        ["image/webp"] = ("sticker", 500 * 1024),
        ["video/mp4"] = ("video", 16 * Megabyte),
        ["video/3gpp"] = ("video", 16 * Megabyte),
    };

    /// <summary>The MIME type without parameters, lowercase (<c>audio/ogg; codecs=opus</c> is <c>audio/ogg</c>).</summary>
    public static string Normalize(string? mime) =>
        (mime ?? "").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>The message type a MIME type is sent as, and its size limit; null when Meta does not take it.</summary>
    public static (string Kind, long MaxBytes)? Find(string mime) =>
        Supported.TryGetValue(Normalize(mime), out var entry) ? entry : null;

    /// <summary>
    /// Whether a file of this MIME type may be sent as this message type. A document may carry any supported
    /// type (a photo sent as a file); the other types only their own.
    /// </summary>
    public static bool Fits(string messageType, string mime) =>
        Find(mime) is { } entry && (messageType == "document" || entry.Kind == messageType);
}
