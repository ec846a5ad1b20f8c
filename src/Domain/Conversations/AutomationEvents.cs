namespace PesanAI.Domain.Conversations;

/// <summary>
/// The AI answered the customer's message <see cref="TriggerWamid"/> (and any unanswered ones just before it) with
/// message <see cref="MessageId"/>, queued in the same transaction. Provider, model, latency, tokens (where the provider
/// reports them), the knowledge entries used and the score say why.
/// </summary>
public sealed record AiReplied(
    Guid ConversationId,
    Guid MessageId,
    string TriggerWamid,
    string Provider,
    string? Model,
    long LatencyMs,
    int? PromptTokens,
    int? CompletionTokens,
    IReadOnlyList<Guid> EntryIds,
    double Score,
    string Reason,
    DateTimeOffset At) : IConversationEvent
{
    /// <summary>For the away message: the tenant's calendar day it went out on (once per conversation per day).</summary>
    public DateOnly? AwayDay { get; init; }
}

/// <summary>The AI left the conversation to people (the handler becomes human): a hand-off keyword, low confidence, the reply limit, ...</summary>
public sealed record AiHandedOff(
    Guid ConversationId,
    string TriggerWamid,
    string Provider,
    string? Model,
    long LatencyMs,
    IReadOnlyList<Guid> EntryIds,
    double Score,
    string Reason,
    DateTimeOffset At) : IConversationEvent;

/// <summary>The AI, switched on, did not act on a message, and why (a human handles it, the window closed, a newer message, ...).</summary>
public sealed record AiSuppressed(Guid ConversationId, string TriggerWamid, string Reason, DateTimeOffset At) : IConversationEvent;
