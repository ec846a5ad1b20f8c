using PesanAI.Domain.Common;

namespace PesanAI.Domain.Knowledge;

public enum SuggestionState
{
    Pending = 1,
    Accepted = 2,
    Rejected = 3,
}

/// <summary>A proposed knowledge entry learnt from a team member's answer, rebuilt from its stream by <see cref="Evolve"/>.</summary>
public sealed record KnowledgeSuggestion(
    Guid Id,
    Guid ConversationId,
    string Question,
    string Answer,
    SuggestionState State,
    DateTimeOffset CreatedAt)
{
    /// <summary>The stream version this state reflects (set by the event store).</summary>
    public long Version { get; init; }

    public Guid? AnsweredBy { get; init; }

    /// <summary>The entry the AI found closest when it handed the question off: where to add it as a phrasing, if it answers it.</summary>
    public Guid? ClosestEntryId { get; init; }

    /// <summary>Who accepted or rejected it (the member, else the credential).</summary>
    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Accepted: the entry it became.</summary>
    public Guid? EntryId { get; init; }

    /// <summary>Rejected: why, when the person said.</summary>
    public string? RejectReason { get; init; }

    /// <summary>
    /// One suggestion per hand-off: derived from the conversation and the customer message the AI handed off, so a
    /// retried command or a second reply can never propose it twice.
    /// </summary>
    public static Guid IdOf(Guid conversationId, string triggerWamid) =>
        NameBasedGuid.From($"pesanai:knowledge-suggestion:{conversationId:D}:{triggerWamid}");

    /// <summary>The state after the first event. (Not named Create: Marten would take that for a convention method.)</summary>
    public static KnowledgeSuggestion Start(KnowledgeEntrySuggested suggested)
    {
        ArgumentNullException.ThrowIfNull(suggested);
        return new KnowledgeSuggestion(suggested.SuggestionId, suggested.ConversationId, suggested.Question, suggested.Answer, SuggestionState.Pending, suggested.At)
        {
            AnsweredBy = suggested.AnsweredBy,
            ClosestEntryId = suggested.ClosestEntryId,
        };
    }

    public KnowledgeSuggestion Evolve(object @event) => @event switch
    {
        KnowledgeSuggestionAccepted e => this with { State = SuggestionState.Accepted, EntryId = e.EntryId, DecidedBy = e.DecidedBy, DecidedAt = e.At },
        KnowledgeSuggestionRejected e => this with { State = SuggestionState.Rejected, RejectReason = e.Reason, DecidedBy = e.DecidedBy, DecidedAt = e.At },
        _ => this,
    };
}
