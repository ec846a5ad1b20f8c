using PesanAI.Domain.Automation;

namespace PesanAI.Domain.Tenants;

/// <summary>
/// The tenant's AI settings, replaced as a whole (already normalized). The API key arrives protected:
/// <see cref="AiSettings.ProtectedApiKey"/> is ciphertext, and the audit leaves it out.
/// </summary>
public sealed record AiSettingsConfigured(Guid TenantId, AiSettings Settings, DateTimeOffset ConfiguredAt) : ITenantEvent;
