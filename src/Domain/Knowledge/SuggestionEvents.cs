using PesanAI.Domain.Common;

namespace PesanAI.Domain.Knowledge;

/// <summary>
/// What every event of a knowledge suggestion carries. One stream per suggestion (<see cref="KnowledgeSuggestion.IdOf"/>),
/// never the knowledge base's own stream: its version tells every node to rebuild its search index.
/// </summary>
public interface IKnowledgeSuggestionEvent
{
    Guid SuggestionId { get; }

    DateTimeOffset At { get; }
}

/// <summary>
/// A team member answered a customer's question that the AI had handed off for lack of knowledge: the question and the
/// answer, personal data redacted, proposed as an entry. It answers nobody until a person accepts it.
/// </summary>
public sealed record KnowledgeEntrySuggested(
    Guid SuggestionId,
    Guid ConversationId,
    string TriggerWamid,
    string Question,
    string Answer,
    Guid? AnsweredBy,
    DateTimeOffset At) : IKnowledgeSuggestionEvent
{
    /// <summary>The entry the AI found closest when it handed the question off (its best candidate), if any.</summary>
    public Guid? ClosestEntryId { get; init; }
}

/// <summary>
/// A person made the suggestion an entry (<see cref="EntryId"/>), as stated here: <see cref="Edited"/> when the question,
/// answer, tags or language differ from what was suggested.
/// </summary>
public sealed record KnowledgeSuggestionAccepted(
    Guid SuggestionId,
    Guid EntryId,
    string Question,
    string Answer,
    IReadOnlyList<string> Tags,
    string Language,
    bool Edited,
    string DecidedBy,
    DateTimeOffset At) : IKnowledgeSuggestionEvent
{
    /// <summary>
    /// Set when the suggestion was accepted as one more alternative phrasing of an existing entry (then the question,
    /// answer, tags and language above are that entry's, unchanged): the phrasing added.
    /// </summary>
    public string? Phrasing { get; init; }
}

/// <summary>A person decided the suggestion should not become an entry.</summary>
public sealed record KnowledgeSuggestionRejected(Guid SuggestionId, string? Reason, string DecidedBy, DateTimeOffset At) : IKnowledgeSuggestionEvent;

public static class KnowledgeSuggestionEventTypes
{
    /// <summary>Every event of a suggestion's stream, for registration with the event store.</summary>
    public static IReadOnlyList<Type> All { get; } = DomainEvents.Implementing<IKnowledgeSuggestionEvent>();
}
