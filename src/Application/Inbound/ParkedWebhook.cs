namespace PesanAI.Application.Inbound;

/// <summary>
/// A verified webhook with items PesanAI could not store for a reason that a redelivery would not fix (PostgreSQL
/// refused the content, or a bug). The POST was acknowledged (Meta must not redeliver forever) and the rest stored;
/// these items are kept here with the body as Meta sent it, to be examined and re-run. Platform technical data like
/// <see cref="RawWebhook"/>, purged after the same retention. An operator lists them without the body and replays them
/// (<see cref="ReplayParkedWebhook"/>).
/// </summary>
public sealed record ParkedWebhook(Guid Id, Guid RawWebhookId, DateTimeOffset ParkedAt, IReadOnlyList<ParkedItem> Items, string Body)
{
    /// <summary>The body's size as Meta sent it (UTF-8), kept apart so that a list need not read the bodies.</summary>
    public int BodyBytes { get; init; } = System.Text.Encoding.UTF8.GetByteCount(Body);

    /// <summary>When an operator put the body back into the queue; a parked webhook is replayed at most once.</summary>
    public DateTimeOffset? ReplayedAt { get; init; }
}

/// <summary>
/// One item that was not stored: <see cref="Kind"/> is message, status, user_preference, or webhook (the whole
/// webhook); <see cref="ItemId"/> the wamid (status: wamid and status); <see cref="Reason"/> a SQL state or an
/// exception type, never text from the payload.
/// </summary>
public sealed record ParkedItem(Guid? TenantId, string? PhoneNumberId, string Kind, string? ItemId, string Reason)
{
    /// <summary>
    /// What an operator is shown instead of <see cref="ItemId"/>: the first 16 hex digits of its SHA-256 (empty when
    /// there is none). A wamid encodes the customer's phone number; the digest matches a known wamid without showing it.
    /// </summary>
    public string ItemFingerprint => ItemId is null
        ? string.Empty
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ItemId)))[..16];
}
