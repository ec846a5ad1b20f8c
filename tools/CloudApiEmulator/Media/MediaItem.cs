namespace PesanAI.CloudApiEmulator.Media;

/// <summary>Where a media item came from: a business's upload (30 days) or a customer's message (7 days).</summary>
public enum MediaOrigin
{
    Uploaded,
    Inbound,
}

/// <summary>One file in the emulator's media library. <see cref="Sha256"/> is lowercase hex, as <c>GET /{media-id}</c> sends it.</summary>
internal sealed record MediaItem(
    string Id,
    string PhoneNumberId,
    string WabaId,
    string MimeType,
    ReadOnlyMemory<byte> Bytes,
    string Sha256,
    DateTimeOffset CreatedAt,
    MediaOrigin Origin,
    DateTimeOffset ExpiresAt,
    string? FileName)
{
    public long Size => Bytes.Length;

    public bool LiveAt(DateTimeOffset now) => now < ExpiresAt;
}
