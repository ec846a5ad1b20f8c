namespace PesanAI.Domain.Conversations;

/// <summary>How a conversation keeps its customer's identity up to date from the messages it receives.</summary>
internal static class CustomerMerge
{
    /// <summary>
    /// The identity a message announces: its sender, except that a <c>user_changed_number</c> system message names
    /// the customer's new wa_id, the one later messages must be sent to.
    /// </summary>
    public static CustomerIdentity Announced(CustomerIdentity sender, MessageContent content) =>
        content.System is { Kind: "user_changed_number", NewWaId: { Length: > 0 } newWaId } ? sender with { WaId = newWaId } : sender;

    /// <summary>
    /// The newest non-empty value of each part wins. Deliveries come out of order, so a message older than one
    /// already seen only fills parts that are still empty; it never overwrites a newer name or number.
    /// </summary>
    public static CustomerIdentity With(CustomerIdentity known, CustomerIdentity seen, bool seenIsNewest) => seenIsNewest
        ? new(Pick(seen.WaId, known.WaId), Pick(seen.UserId, known.UserId), Pick(seen.ProfileName, known.ProfileName))
        : new(Pick(known.WaId, seen.WaId), Pick(known.UserId, seen.UserId), Pick(known.ProfileName, seen.ProfileName));

    private static string? Pick(string? preferred, string? fallback) => string.IsNullOrEmpty(preferred) ? fallback : preferred;
}
