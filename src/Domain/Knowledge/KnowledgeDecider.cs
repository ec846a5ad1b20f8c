using PesanAI.Domain.Common;

namespace PesanAI.Domain.Knowledge;

/// <summary>
/// Pure decisions over a tenant's <see cref="KnowledgeBase"/>: (state, command, now) -> events. A null state is a
/// knowledge base that has no entries yet. An entry is found by its id, or by its question
/// (<see cref="KnowledgeRules.QuestionKey"/>): a tenant holds one entry per question. Saying again what an entry
/// already says records nothing, so upserts and imports are idempotent.
/// </summary>
public static class KnowledgeDecider
{
    /// <summary>
    /// With <paramref name="entryId"/>: changes that entry (ENTRY_NOT_FOUND if the base has none). Without: changes
    /// the entry with the same question, else adds one with <paramref name="newEntryId"/>.
    /// </summary>
    public static IReadOnlyList<object> Upsert(
        KnowledgeBase? state,
        Guid knowledgeBaseId,
        Guid? entryId,
        KnowledgeDraft draft,
        Guid newEntryId,
        DateTimeOffset now)
    {
        KnowledgeRules.Ensure(draft);
        var entry = KnowledgeRules.Normalize(draft);
        var sameQuestion = state?.FindByQuestion(entry.Question!);
        KnowledgeEntry? existing;
        if (entryId is { } id)
        {
            existing = state?.Find(id) ?? throw EntryNotFound(id);
            if (sameQuestion is not null && sameQuestion.Id != id)
            {
                throw new DomainException("QUESTION_TAKEN", $"Entry {sameQuestion.Id} already answers this question; change that one.", RuleKind.AlreadyExists);
            }
        }
        else
        {
            existing = sameQuestion;
        }

        if (existing is null)
        {
            EnsureRoom(state, 1);
            return [Upserted(state?.Id ?? knowledgeBaseId, newEntryId, entry, now)];
        }

        return existing.Says(entry) ? [] : [Upserted(state!.Id, existing.Id, entry, now)];
    }

    /// <summary>
    /// Adds or changes many entries at once, all or none, each found by its question like an upsert without an id.
    /// <paramref name="newEntryIds"/> holds one fresh id per draft (used for the ones that are new).
    /// </summary>
    public static IReadOnlyList<object> Import(
        KnowledgeBase? state,
        Guid knowledgeBaseId,
        IReadOnlyList<KnowledgeDraft> drafts,
        IReadOnlyList<Guid> newEntryIds,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(newEntryIds);
        if (drafts.Count == 0)
        {
            throw new DomainException("IMPORT_EMPTY", "An import holds at least one entry.");
        }

        if (drafts.Count > KnowledgeRules.MaxImport)
        {
            throw new DomainException("IMPORT_TOO_LARGE", $"An import holds at most {KnowledgeRules.MaxImport} entries.");
        }

        if (newEntryIds.Count != drafts.Count)
        {
            throw new ArgumentException("One new id per draft is needed.", nameof(newEntryIds));
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            KnowledgeRules.Ensure(drafts[i], $"entries[{i}].");
        }

        var byQuestion = (state?.Entries ?? []).ToDictionary(e => KnowledgeRules.QuestionKey(e.Question), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baseId = state?.Id ?? knowledgeBaseId;
        var events = new List<object>();
        var added = 0;
        for (var i = 0; i < drafts.Count; i++)
        {
            var entry = KnowledgeRules.Normalize(drafts[i]);
            var key = KnowledgeRules.QuestionKey(entry.Question);
            if (!seen.Add(key))
            {
                throw new DomainException("DUPLICATE_QUESTION", $"entries[{i}].question repeats an earlier entry of the import.");
            }

            if (!byQuestion.TryGetValue(key, out var existing))
            {
                added++;
                events.Add(Upserted(baseId, newEntryIds[i], entry, now));
            }
            else if (!existing.Says(entry))
            {
                events.Add(Upserted(baseId, existing.Id, entry, now));
            }
        }

        EnsureRoom(state, added);
        return events;
    }

    public static IReadOnlyList<object> Delete(KnowledgeBase? state, Guid entryId, DateTimeOffset now)
    {
        var entry = state?.Find(entryId) ?? throw EntryNotFound(entryId);
        return [new KnowledgeEntryDeleted(state.Id, entry.Id, now)];
    }

    private static KnowledgeEntryUpserted Upserted(Guid knowledgeBaseId, Guid entryId, KnowledgeDraft entry, DateTimeOffset now) =>
        new(knowledgeBaseId, entryId, entry.Question!, entry.Answer!, entry.TagList, entry.Language!, now) { Alternatives = entry.AlternativeList };

    private static void EnsureRoom(KnowledgeBase? state, int added)
    {
        if (added > 0 && (state?.Entries.Count ?? 0) + added > KnowledgeRules.MaxEntries)
        {
            throw new DomainException("KNOWLEDGE_BASE_FULL", $"A knowledge base holds at most {KnowledgeRules.MaxEntries} entries; delete some first.");
        }
    }

    public static DomainException EntryNotFound(Guid entryId) =>
        new("ENTRY_NOT_FOUND", $"The knowledge base has no entry {entryId}.", RuleKind.NotFound);
}
