using System.Security.Cryptography;
using System.Text;

namespace PesanAI.Infrastructure.WhatsApp;

/// <summary>
/// Meta's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the raw body bytes
/// with the app secret. Compared in constant time; checked before the body is parsed.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, ReadOnlySpan<byte> appSecret)
    {
        if (header is null || header.Length != Prefix.Length + 64 || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(appSecret, body, mac);
        Span<byte> expected = stackalloc byte[64];
        Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac), expected);
        Span<byte> given = stackalloc byte[64];
        return Encoding.ASCII.GetBytes(header.AsSpan(Prefix.Length), given) == 64
            && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>What a sender (Meta, or PesanAI's Cloud API emulator) puts in the header.</summary>
    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(appSecret, body));
}
