namespace PesanAI.Application.Inbound;

/// <summary>
/// Port: the durable line between Meta's acknowledgement and the ingest. The webhook request appends a verified body
/// (one insert, committed before the 200); the processor claims the oldest pending bodies in arrival order, one claim
/// at a time across every node, and settles each (processed, retry later, parked) in the claim's transaction.
/// </summary>
public interface IInboundQueue
{
    /// <summary>Appends a verified body; returns once it is committed.</summary>
    Task AppendAsync(RawWebhook webhook, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="maxWebhooks"/> pending bodies due now, oldest first; null when another processor
    /// (on this node or another) holds the claim. The claim lasts until it is committed or disposed; a process that
    /// dies loses it with its connection, and the bodies become pending again.
    /// </summary>
    Task<IInboundClaim?> ClaimAsync(int maxWebhooks, CancellationToken cancellationToken);

    /// <summary>How many bodies wait (and their bytes), and since when the oldest (null: none).</summary>
    Task<InboundBacklog> BacklogAsync(CancellationToken cancellationToken);

    /// <summary>Makes a settled body pending again (an operator's replay); false when no body has that id (purged).</summary>
    Task<bool> RequeueAsync(Guid rawWebhookId, CancellationToken cancellationToken);

    /// <summary>Deletes settled bodies received before <paramref name="before"/>; pending ones stay whatever their age.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// Takes values (an erased customer's identities and message ids) out of the processed bodies that hold them
    /// (<see cref="WebhookBodyRedaction"/>), in the session's transaction: its updates are queued to commit with
    /// the session. Pending bodies are left to the ingest, which runs after the erasure (the customer's locks).
    /// </summary>
    Task<int> RedactAsync(Marten.IDocumentSession session, IReadOnlyCollection<string> values, CancellationToken cancellationToken);

    /// <summary>The same for these processed webhooks, in a transaction of its own.</summary>
    Task<int> RedactAsync(IReadOnlyCollection<Guid> rawWebhookIds, IReadOnlyCollection<string> values, CancellationToken cancellationToken);
}

/// <summary>A claim on pending bodies, settled per body and committed at once.</summary>
public interface IInboundClaim : IAsyncDisposable
{
    IReadOnlyList<QueuedWebhook> Webhooks { get; }

    /// <summary>Turned into events (or parked: <see cref="ParkedWebhook"/> says what).</summary>
    void Processed(Guid rawWebhookId, bool parked);

    /// <summary>Not processed this time: pending again from <paramref name="retryAt"/>, its attempts counted.</summary>
    void Failed(Guid rawWebhookId, string reason, DateTimeOffset retryAt);

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A pending body and how many times processing it failed before.</summary>
public sealed record QueuedWebhook(RawWebhook Raw, int Attempts);

/// <summary>The processor's lag: pending bodies, their bytes, and when the oldest of them was acknowledged.</summary>
public sealed record InboundBacklog(long Pending, long PendingBytes, DateTimeOffset? OldestReceivedAt)
{
    public TimeSpan Lag(DateTimeOffset now) => OldestReceivedAt is { } oldest && now > oldest ? now - oldest : TimeSpan.Zero;
}
