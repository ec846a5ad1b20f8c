using PesanAI.Application.Media;

namespace PesanAI.Infrastructure.Media;

/// <summary>An announced SHA-256 as Meta gives it: 64 hex digits (either case) or base64 (standard or URL-safe, padded or not).</summary>
public static class MediaDigest
{
    public static byte[] Parse(string announced)
    {
        ArgumentNullException.ThrowIfNull(announced);
        var text = announced.Trim();
        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[33];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32
            ? bytes[..32]
            : throw new MediaRejectedException(MediaRejection.Sha256Mismatch, "The announced SHA-256 is neither 64 hex digits nor the base64 of 32 bytes.");
    }
}
