namespace PesanAI.Domain.Tenants;

/// <summary>The tenant's consent keywords and confirmation texts, replaced as a whole (already normalized).</summary>
public sealed record ConsentKeywordsConfigured(
    Guid TenantId,
    IReadOnlyList<string> StopKeywords,
    IReadOnlyList<string> StartKeywords,
    string OptOutConfirmation,
    string OptInConfirmation,
    DateTimeOffset ConfiguredAt) : ITenantEvent;
