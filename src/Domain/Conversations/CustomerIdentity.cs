namespace PesanAI.Domain.Conversations;

/// <summary>
/// How Meta names a customer: the phone-based <see cref="WaId"/> and/or the business-scoped user id
/// (<see cref="UserId"/>); with usernames, <c>wa_id</c> may be empty. Either one identifies the customer.
/// </summary>
public sealed record CustomerIdentity(string? WaId, string? UserId, string? ProfileName = null)
{
    public bool IsKnown => !string.IsNullOrEmpty(WaId) || !string.IsNullOrEmpty(UserId);

    /// <summary>Whom a message goes to: the wa_id when known (Meta: <c>to</c> wins), else the business-scoped user id.</summary>
    public string? Recipient => !string.IsNullOrEmpty(WaId) ? WaId : (string.IsNullOrEmpty(UserId) ? null : UserId);

    /// <summary>
    /// Whether a recipient is a business-scoped user id (<c>US.13491208655302741918</c>: a country code, a dot,
    /// alphanumerics) rather than a wa_id (digits only): such a message goes in <c>recipient</c>, without <c>to</c>.
    /// </summary>
    public static bool IsUserId(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return !recipient.All(char.IsAsciiDigit);
    }
}
