using System.Collections.Immutable;
using PesanAI.Domain.Common;

namespace PesanAI.Domain.Knowledge;

/// <summary>One question and the answer the business gives to it, as the knowledge base holds it now.</summary>
public sealed record KnowledgeEntry(
    Guid Id,
    string Question,
    string Answer,
    IReadOnlyList<string> Tags,
    string Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Other ways customers ask the same question (matched like the question itself); never null.</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    /// <summary>Whether the entry already says exactly what <paramref name="draft"/> (normalized) says.</summary>
    public bool Says(KnowledgeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Question == draft.Question && Answer == draft.Answer && Language == draft.Language
            && Tags.SequenceEqual(draft.TagList) && Alternatives.SequenceEqual(draft.AlternativeList);
    }
}

/// <summary>
/// A tenant's knowledge base: one stream per tenant (<see cref="StreamIdOf"/>), rebuilt from its events by
/// <see cref="Evolve"/>. One stream, not one per entry: an import is one atomic append, rules across entries
/// (one entry per question, the size limit) are decided on one state, and the stream's version tells every node
/// in one read whether its search index is still current.
/// </summary>
public sealed record KnowledgeBase(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The stream version this state reflects (set by the event store).</summary>
    public long Version { get; init; }

    /// <summary>The entries, oldest first.</summary>
    public ImmutableList<KnowledgeEntry> Entries { get; init; } = [];

    /// <summary>The knowledge base's stream id: derived from the tenant's id, the same on every node.</summary>
    public static Guid StreamIdOf(Guid tenantId) => NameBasedGuid.From($"pesanai:knowledge-base:{tenantId:D}");

    /// <summary>The state after the first event. (Not named Create: Marten would take that for a convention method.)</summary>
    public static KnowledgeBase Start(IKnowledgeEvent first)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new KnowledgeBase(first.KnowledgeBaseId, first.RecordedAt, first.RecordedAt).Evolve(first);
    }

    public KnowledgeEntry? Find(Guid entryId) => Entries.Find(e => e.Id == entryId);

    /// <summary>The entry that answers the same question (<see cref="KnowledgeRules.QuestionKey"/>), if any.</summary>
    public KnowledgeEntry? FindByQuestion(string question)
    {
        var key = KnowledgeRules.QuestionKey(question);
        return Entries.Find(e => KnowledgeRules.QuestionKey(e.Question) == key);
    }

    public KnowledgeBase Evolve(object @event) => @event switch
    {
        KnowledgeEntryUpserted e => Upserted(e),
        KnowledgeEntryDeleted e => this with { Entries = Entries.RemoveAll(x => x.Id == e.EntryId), UpdatedAt = Later(e.RecordedAt) },
        _ => this,
    };

    private KnowledgeBase Upserted(KnowledgeEntryUpserted e)
    {
        var index = Entries.FindIndex(x => x.Id == e.EntryId);
        var entries = index < 0
            ? Entries.Add(new KnowledgeEntry(e.EntryId, e.Question, e.Answer, e.Tags, e.Language, e.RecordedAt, e.RecordedAt) { Alternatives = e.Alternatives ?? [] })
            : Entries.SetItem(index, Entries[index] with
            {
                Question = e.Question,
                Answer = e.Answer,
                Tags = e.Tags,
                Language = e.Language,
                Alternatives = e.Alternatives ?? [],
                UpdatedAt = e.RecordedAt,
            });
        return this with { Entries = entries, UpdatedAt = Later(e.RecordedAt) };
    }

    private DateTimeOffset Later(DateTimeOffset at) => at > UpdatedAt ? at : UpdatedAt;
}
