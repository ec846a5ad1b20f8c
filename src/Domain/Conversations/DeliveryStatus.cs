namespace PesanAI.Domain.Conversations;

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
