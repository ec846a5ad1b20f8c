using PesanAI.Domain.Common;

namespace PesanAI.Domain.Knowledge;

/// <summary>What every event of a tenant's knowledge base carries: which base, and when it was recorded.</summary>
public interface IKnowledgeEvent
{
    Guid KnowledgeBaseId { get; }

    Guid EntryId { get; }

    DateTimeOffset RecordedAt { get; }
}

/// <summary>
/// An entry was added, or its question, answer, tags, language or alternative phrasings changed. It carries the whole
/// entry (not a diff), so the entry's state is the last upsert, whatever came before.
/// </summary>
public sealed record KnowledgeEntryUpserted(
    Guid KnowledgeBaseId,
    Guid EntryId,
    string Question,
    string Answer,
    IReadOnlyList<string> Tags,
    string Language,
    DateTimeOffset RecordedAt) : IKnowledgeEvent
{
    /// <summary>The entry's alternative phrasings; null in events recorded before entries had them (none).</summary>
    public IReadOnlyList<string>? Alternatives { get; init; }
}

public sealed record KnowledgeEntryDeleted(Guid KnowledgeBaseId, Guid EntryId, DateTimeOffset RecordedAt) : IKnowledgeEvent;

public static class KnowledgeEventTypes
{
    /// <summary>Every event of a knowledge-base stream, for registration with the event store.</summary>
    public static IReadOnlyList<Type> All { get; } = DomainEvents.Implementing<IKnowledgeEvent>();
}
