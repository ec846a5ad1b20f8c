namespace PesanAI.Application.Tenants;

/// <summary>
/// The platform-wide registry of phone numbers: one row per Meta phone_number_id, keyed by it, so the
/// database refuses a second tenant (also under concurrent registration). Written in the same transaction
/// as the tenant's PhoneNumberRegistered / PhoneNumberRemoved events; also the webhook's routing table
/// (tenant by phone_number_id or WABA id; the number by the SHA-256 of its verify token).
/// </summary>
public sealed record PhoneNumberClaim(string Id, Guid TenantId, DateTimeOffset ClaimedAt, string? VerifyTokenHash = null, string? WabaId = null);
