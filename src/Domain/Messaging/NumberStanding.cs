using PesanAI.Domain.Tenants;

namespace PesanAI.Domain.Messaging;

/// <summary>
/// Whether the tenant's number may send now, decided in one place for the send request, the AI reply and the
/// dispatcher (which checks again at send time). When it may not, <see cref="Reason"/> is the refusal's reason (the
/// API's <c>ErrorInfo</c> reason and the failed message's error title) and <see cref="MetaCode"/> Meta's error code
/// behind it, if any.
/// </summary>
public sealed record NumberStanding(string? Reason = null, string? Message = null, int MetaCode = 0)
{
    public const string TenantSuspended = "TENANT_SUSPENDED";
    public const string NumberSuspended = "NUMBER_SUSPENDED";

    public static NumberStanding Usable { get; } = new();

    public bool CanSend => Reason is null;

    public static NumberStanding Of(Tenant tenant, string phoneNumberId)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.FindPhoneNumber(phoneNumberId) switch
        {
            _ when tenant.Status == TenantStatus.Suspended => new(TenantSuspended, "The tenant is suspended."),
            null => new(NumberSuspended, "The conversation's number is no longer registered."),
            { TokenRejectedAt: not null } => new(
                NumberSuspended,
                "Meta rejected the number's access token (190): remove the number and register it again with a new token.",
                MetaErrorCodes.AccessTokenRejected),
            _ => Usable,
        };
    }
}
