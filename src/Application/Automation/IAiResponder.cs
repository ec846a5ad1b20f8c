using PesanAI.Domain.Automation;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Automation;

/// <summary>A recent message of the conversation, for an external model's context.</summary>
public sealed record ConversationTurn(MessageDirection Direction, string Text, DateTimeOffset At);

/// <summary>What the AI is asked: the customer's (coalesced) text, with the tenant's settings and the recent turns.</summary>
public sealed record AiRequest(Guid TenantId, Guid ConversationId, AiSettings Settings, string CustomerText, IReadOnlyList<ConversationTurn> RecentTurns)
{
    /// <summary>
    /// Started once, just before an external model is asked, so the customer sees "typing…" while it thinks; the
    /// responder awaits it before answering (the indicator must reach Meta before the reply). It never throws.
    /// </summary>
    public Func<CancellationToken, Task>? ShowTyping { get; init; }
}

/// <summary>
/// What the AI decided: <see cref="Kind"/> Reply with <see cref="ReplyText"/> (never empty, never over the tenant's
/// limit), or HandOff; <see cref="Reason"/> a stable code (MATCHED, HANDOFF_KEYWORD, NO_MATCH, LOW_MARGIN,
/// PROVIDER_FAILED, ...). Provider, model, latency and token counts (where the provider reports them) are recorded.
/// </summary>
public sealed record AiAnswer(
    ReplyKind Kind,
    string? ReplyText,
    string Reason,
    string Provider,
    string? Model,
    IReadOnlyList<Guid> EntryIds,
    double Score,
    TimeSpan Latency,
    int? PromptTokens = null,
    int? CompletionTokens = null);

/// <summary>The AI behind the tenant's settings: the embedded knowledge responder, or an external model with fallback.</summary>
public interface IAiResponder
{
    Task<AiAnswer> AnswerAsync(AiRequest request, CancellationToken cancellationToken);
}
