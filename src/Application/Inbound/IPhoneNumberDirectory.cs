namespace PesanAI.Application.Inbound;

/// <summary>
/// Where a webhook for a phone number goes, the Meta app secret that signs it, and what the ingest needs of the
/// tenant (its consent keywords; whether it is active), cached with the route so a webhook reads no tenant document.
/// </summary>
public sealed record PhoneNumberRoute(string PhoneNumberId, Guid TenantId, byte[] AppSecret, string? WabaId = null)
{
    public Domain.Consent.ConsentKeywordSettings Keywords { get; init; } = Domain.Consent.ConsentKeywordSettings.Default;

    public bool TenantActive { get; init; } = true;
}

/// <summary>
/// The webhook's routing table: phone_number_id -> tenant and app secret (decrypted, kept in memory only),
/// and whether a verify token belongs to any registered number. Read on every webhook, so implementations cache.
/// </summary>
public interface IPhoneNumberDirectory
{
    Task<IReadOnlyDictionary<string, PhoneNumberRoute>> FindAsync(IReadOnlyCollection<string> phoneNumberIds, CancellationToken cancellationToken);

    /// <summary>The numbers registered under these WhatsApp Business Accounts (for changes that name only the WABA).</summary>
    Task<IReadOnlyList<PhoneNumberRoute>> FindByWabaAsync(IReadOnlyCollection<string> wabaIds, CancellationToken cancellationToken);

    Task<bool> IsVerifyTokenAsync(string verifyToken, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the tenant automates anything (the AI answers, or business hours send the away message), cached like
    /// the routes: the automation feed skips other tenants cheaply.
    /// </summary>
    Task<bool> HasAutomationAsync(Guid tenantId, CancellationToken cancellationToken);
}
