using PesanAI.Domain.Tenants;

namespace PesanAI.Domain.Messaging;

/// <summary>A refusal of one kind of send: the API's <c>ErrorInfo</c> reason and a message for people.</summary>
public sealed record SendRefusal(string Reason, string Message);

/// <summary>
/// Whether the tenant's number may send now, decided in one place for the send request, the AI reply and the
/// dispatcher (which checks again at send time). When it may not, <see cref="Reason"/> is the refusal's reason (the
/// API's <c>ErrorInfo</c> reason and the failed message's error title) and <see cref="MetaCode"/> Meta's error code
/// behind it, if any. A restricted account refuses only some sends: <see cref="BusinessInitiated"/> (templates outside
/// the window) or <see cref="CustomerInitiated"/> (everything else).
/// </summary>
public sealed record NumberStanding(string? Reason = null, string? Message = null, int MetaCode = 0)
{
    public const string TenantSuspended = "TENANT_SUSPENDED";
    public const string NumberSuspended = "NUMBER_SUSPENDED";
    public const string AccountBanned = "ACCOUNT_BANNED";
    public const string AccountRestricted = "ACCOUNT_RESTRICTED";

    public static NumberStanding Usable { get; } = new();

    public bool CanSend => Reason is null;

    /// <summary>Set when Meta restricted business-initiated messaging on the number's WhatsApp Business Account.</summary>
    public SendRefusal? BusinessInitiated { get; init; }

    /// <summary>Set when Meta restricted customer-initiated (service) messaging on the number's WhatsApp Business Account.</summary>
    public SendRefusal? CustomerInitiated { get; init; }

    /// <summary>The refusal for a send of this kind, if any.</summary>
    public SendRefusal? RefusalFor(bool businessInitiated) => businessInitiated ? BusinessInitiated : CustomerInitiated;

    /// <summary>The standing at <paramref name="now"/> (restrictions expire; without a time every restriction counts).</summary>
    public static NumberStanding Of(Tenant tenant, string phoneNumberId, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var number = tenant.FindPhoneNumber(phoneNumberId);
        var account = number is null ? null : tenant.FindAccount(number.WabaId);
        var standing = number switch
        {
            _ when tenant.Status == TenantStatus.Suspended => new(TenantSuspended, "The tenant is suspended."),
            null => new(NumberSuspended, "The conversation's number is no longer registered."),
            { TokenRejectedAt: not null } => new(
                NumberSuspended,
                "Meta rejected the number's access token (190): remove the number and register it again with a new token.",
                MetaErrorCodes.AccessTokenRejected),
            _ when account is { IsBanned: true } => new(AccountBanned, "Meta disabled the number's WhatsApp Business Account (ban state DISABLE)."),
            _ => Usable,
        };
        if (!standing.CanSend || account is null)
        {
            return standing;
        }

        return standing with
        {
            BusinessInitiated = account.IsRestricted(AccountRestriction.BusinessInitiated, now ?? DateTimeOffset.MinValue)
                ? new(AccountRestricted, "Meta restricted business-initiated messaging on the number's WhatsApp Business Account.")
                : null,
            CustomerInitiated = account.IsRestricted(AccountRestriction.CustomerInitiated, now ?? DateTimeOffset.MinValue)
                ? new(AccountRestricted, "Meta restricted customer-initiated messaging on the number's WhatsApp Business Account.")
                : null,
        };
    }
}
