namespace PesanAI.Domain.Conversations;

/// <summary>How a conversation keeps its customer's identity up to date from the messages it receives.</summary>
public static class CustomerMerge
{
    /// <summary>
    /// The identity a message announces: its sender, except that a <c>user_changed_number</c> system message names the
    /// customer's new wa_id, and a <c>user_changed_user_id</c> one (or a changed number, since Aug 2026) the new
    /// business-scoped user id: the ones later messages must be sent to.
    /// </summary>
    public static CustomerIdentity Announced(CustomerIdentity sender, MessageContent content)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(content);
        if (content.System is not { Kind: "user_changed_number" or "user_changed_user_id" } notice)
        {
            return sender;
        }

        return sender with
        {
            WaId = string.IsNullOrEmpty(notice.NewWaId) ? sender.WaId : notice.NewWaId,
            UserId = string.IsNullOrEmpty(notice.NewUserId) ? sender.UserId : notice.NewUserId,
        };
    }

    /// <summary>
    /// The newest non-empty value of each part wins. Deliveries come out of order, so a message older than one
    /// already seen only fills parts that are still empty; it never overwrites a newer name or number.
    /// </summary>
    internal static CustomerIdentity With(CustomerIdentity known, CustomerIdentity seen, bool seenIsNewest) => seenIsNewest
        ? new(Pick(seen.WaId, known.WaId), Pick(seen.UserId, known.UserId), Pick(seen.ProfileName, known.ProfileName))
        : new(Pick(known.WaId, seen.WaId), Pick(known.UserId, seen.UserId), Pick(known.ProfileName, seen.ProfileName));

    private static string? Pick(string? preferred, string? fallback) => string.IsNullOrEmpty(preferred) ? fallback : preferred;
}
