using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Audit;

/// <summary>
/// Event members that never leave the event store, not even to auditors: the encrypted WhatsApp access
/// token and app secret and the webhook verify token's hash are useless to an auditor and would let
/// anyone holding a copy of the audit attack the secrets offline. A name with dots is a path into nested members.
/// </summary>
public static class SecretMembers
{
    public static IReadOnlyDictionary<Type, IReadOnlyList<string>> ByEventType { get; } = new Dictionary<Type, IReadOnlyList<string>>
    {
        [typeof(PhoneNumberRegistered)] =
        [
            nameof(PhoneNumberRegistered.ProtectedAccessToken),
            nameof(PhoneNumberRegistered.ProtectedAppSecret),
            nameof(PhoneNumberRegistered.VerifyTokenHash),
        ],

        // A member path: the AI provider's API key inside the settings.
        [typeof(AiSettingsConfigured)] = [$"{nameof(AiSettingsConfigured.Settings)}.{nameof(AiSettingsConfigured.Settings.ProtectedApiKey)}"],
    };
}
