namespace PesanAI.Domain.Conversations;

/// <summary>
/// How Meta names a customer: the phone-based <see cref="WaId"/> and/or the business-scoped user id
/// (<see cref="UserId"/>); with usernames, <c>wa_id</c> may be empty. Either one identifies the customer.
/// </summary>
public sealed record CustomerIdentity(string? WaId, string? UserId, string? ProfileName = null)
{
    public bool IsKnown => !string.IsNullOrEmpty(WaId) || !string.IsNullOrEmpty(UserId);
}

/// <summary>Delivery states of an outbound message, in the order they can only move forward.</summary>
public enum DeliveryStatus
{
    Unknown = 0,
    Accepted = 1,
    Sent = 2,
    Delivered = 3,
    Read = 4,
    Played = 5,

    /// <summary>Terminal: no later status moves a failed message.</summary>
    Failed = 9,
}

public enum MessageDirection
{
    Inbound = 1,
    Outbound = 2,
}

public enum ConversationState
{
    Open = 1,
    Closed = 2,
}

/// <summary>Who answers the conversation now.</summary>
public enum Handler
{
    Automation = 1,
    Human = 2,
}
