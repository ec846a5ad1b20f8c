using PesanAI.Domain.Automation;
using PesanAI.Domain.Common;

namespace PesanAI.Domain.Tenants;

/// <summary>
/// What happens to the stored API key: kept (an update without a key), replaced by <see cref="ProtectedKey"/>
/// (ciphertext, protected by the caller) or removed.
/// </summary>
public sealed record ApiKeyChange(string? ProtectedKey, bool Clear)
{
    public static ApiKeyChange Keep { get; } = new(null, Clear: false);
}

/// <summary>Pure decisions about a tenant's AI settings.</summary>
public static class AiSettingsDecider
{
    /// <summary>
    /// Replaces the settings; the key is decided by <paramref name="key"/>, whatever <paramref name="settings"/> holds.
    /// Settings equal to the current ones (after normalizing) change nothing (no events).
    /// </summary>
    public static IReadOnlyList<object> Configure(Tenant state, AiSettings settings, ApiKeyChange key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(key);
        TenantDecider.EnsureActive(state);
        if (key.Clear && key.ProtectedKey is not null)
        {
            throw new DomainException("API_KEY_CONFLICT", "An API key cannot be set and cleared at once.");
        }

        AiSettingsRules.Ensure(settings);
        var protectedKey = key.Clear ? null : key.ProtectedKey ?? state.Ai.ProtectedApiKey;
        var normalized = AiSettingsRules.Normalize(settings) with { ProtectedApiKey = protectedKey };
        return AiSettingsRules.Same(normalized, state.Ai) ? [] : [new AiSettingsConfigured(state.Id, normalized, now)];
    }
}
