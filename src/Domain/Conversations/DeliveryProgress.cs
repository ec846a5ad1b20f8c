namespace PesanAI.Domain.Conversations;

/// <summary>
/// The one rule for how an outbound message's delivery status may move, shared by the decider (which records a
/// status only when it moves) and by <see cref="Conversation.Evolve"/> (which applies it again, so that events
/// appended out of order by concurrent writers still fold to the furthest status).
/// </summary>
public static class DeliveryProgress
{
    /// <summary>
    /// Whether <paramref name="next"/> moves a message that is at <paramref name="current"/> (null: never seen).
    /// Accepted &lt; Sent &lt; Delivered &lt; Read &lt; Played; a status behind or equal to the current one is late
    /// or repeated. Failed is terminal, and it is taken only while the customer has not yet read the message:
    /// a read or played message was demonstrably delivered, so a failure reported after that changes nothing.
    /// Unknown (a status Meta added that PesanAI cannot name) carries no order and moves nothing.
    /// </summary>
    public static bool Advances(DeliveryStatus? current, DeliveryStatus next) => (current, next) switch
    {
        (DeliveryStatus.Failed, _) => false,
        (_, DeliveryStatus.Failed) => Rank(current) < Rank(DeliveryStatus.Read),
        _ => Rank(next) > Rank(current),
    };

    private static int Rank(DeliveryStatus? status) => status switch
    {
        DeliveryStatus.Accepted => 1,
        DeliveryStatus.Sent => 2,
        DeliveryStatus.Delivered => 3,
        DeliveryStatus.Read => 4,
        DeliveryStatus.Played => 5,

        // Never seen, Unknown, or a value this code does not name: lowest, so nothing ever moves to it.
        _ => 0,
    };
}
