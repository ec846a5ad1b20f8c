using System.Security.Cryptography;

namespace PesanAI.CloudApiEmulator.Webhooks;

/// <summary>Meta's <c>X-Hub-Signature-256</c> over the exact body bytes that are posted.</summary>
public static class WebhookSigner
{
    public const string Header = "X-Hub-Signature-256";

    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(appSecret, body));
}
