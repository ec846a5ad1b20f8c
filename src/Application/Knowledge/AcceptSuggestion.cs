using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

public sealed record AcceptedSuggestion(KnowledgeSuggestion Suggestion, UpsertedEntry Upserted);

/// <summary>
/// Makes a pending suggestion an entry, with the person's <see cref="Edits"/> (each null field keeps what was suggested),
/// by the same rules as <see cref="UpsertEntry"/> without an id: the entry with the same question changes, else one is
/// added. <see cref="ExpectedVersion"/> is the knowledge base's.
/// </summary>
/// <remarks>
/// With <see cref="EntryId"/> the suggestion's question (or the edited one) becomes one more alternative phrasing of
/// that existing entry instead, which keeps its answer, tags and language: the way to teach the responder a question it
/// missed although an entry answers it.
/// </remarks>
public sealed record AcceptSuggestion(string? SuggestionId, KnowledgeDraft? Edits, long? ExpectedVersion) : ICommand<AcceptedSuggestion>, IValidatable
{
    /// <summary>An existing entry to add the question to as an alternative phrasing; null or empty: a new or same-question entry.</summary>
    public string? EntryId { get; init; }

    public IEnumerable<FieldViolation> Validate()
    {
        var edits = Edits ?? new KnowledgeDraft(null, null, null, null);
        if (!string.IsNullOrEmpty(EntryId))
        {
            var phrasing = new KnowledgeDraft("x", "x", null, null) { Alternatives = edits.Question is null ? null : [edits.Question] };
            return Check.Id("suggestion_id", SuggestionId)
                .Concat(Check.OptionalId("entry_id", EntryId))
                .Concat(KnowledgeRequests.Entry(phrasing).Select(v => v with { Field = "question" }))
                .Concat(edits.Answer is null ? [] : [new FieldViolation("answer", "must be unset with entry_id: the entry keeps its answer")])
                .Concat(edits.TagList.Count == 0 ? [] : [new FieldViolation("tags", "must be unset with entry_id: the entry keeps its tags")])
                .Concat(string.IsNullOrEmpty(edits.Language) ? [] : [new FieldViolation("language", "must be unset with entry_id: the entry keeps its language")]);
        }

        // Only what is stated is checked: an unset question or answer keeps the suggestion's.
        var stated = new KnowledgeDraft(edits.Question ?? "x", edits.Answer ?? "x", edits.Tags, edits.Language);
        return Check.Id("suggestion_id", SuggestionId).Concat(KnowledgeRequests.Entry(stated));
    }
}

public sealed class AcceptSuggestionHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<AcceptSuggestion, AcceptedSuggestion>
{
    public async ValueTask<AcceptedSuggestion> Handle(AcceptSuggestion command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var suggestionId = Guid.Parse(command.SuggestionId!);
        var now = clock.GetUtcNow();

        // One transaction: the suggestion's decision and the knowledge base's change (each stream guards its own version).
        var suggestion = await session.FetchForWritingAsync(SuggestionStream.Kind, suggestionId, null, cancellationToken);
        var pending = KnowledgeSuggestionDecider.EnsurePending(suggestion.Aggregate, suggestionId);
        var baseId = KnowledgeBase.StreamIdOf(tenantId);
        var knowledge = await session.FetchForWritingAsync(KnowledgeStream.Kind, baseId, command.ExpectedVersion, cancellationToken);
        var before = knowledge.Aggregate;
        Guid? target = string.IsNullOrEmpty(command.EntryId) ? null : Guid.Parse(command.EntryId);
        var (draft, phrasing) = target is { } existing
            ? KnowledgeSuggestionDecider.Phrasing(pending, before?.Find(existing) ?? throw KnowledgeDecider.EntryNotFound(existing), command.Edits?.Question)
            : (KnowledgeSuggestionDecider.Draft(pending, command.Edits), null);
        var upserted = KnowledgeDecider.Upsert(before, baseId, target, draft, Guid.CreateVersion7(now), now);
        var entryId = upserted.Count > 0 ? ((KnowledgeEntryUpserted)upserted[0]).EntryId : target ?? before!.FindByQuestion(draft.Question!)!.Id;
        var decided = KnowledgeSuggestionDecider.Accept(suggestion.Aggregate, suggestionId, entryId, draft, actor.MemberId ?? actor.CredentialId, now, phrasing);
        suggestion.AppendMany(decided);

        // The knowledge base saves both; when the entry already said this, nothing is appended to it, so save here.
        var after = upserted.Count > 0
            ? await session.CommitAsync(KnowledgeStream.Kind, knowledge, upserted, cancellationToken)
            : await SaveAsync(before, cancellationToken);
        var outcome = upserted.Count == 0 ? UpsertOutcome.Unchanged : before?.Find(entryId) is null ? UpsertOutcome.Created : UpsertOutcome.Updated;
        return new AcceptedSuggestion(
            SuggestionStream.Kind.Fold(suggestion.Aggregate, decided)!,
            new UpsertedEntry(after!.Find(entryId)!, outcome, after.Version));
    }

    private async Task<KnowledgeBase?> SaveAsync(KnowledgeBase? unchanged, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (LostRace.Is(ex))
        {
            throw new ConcurrencyConflictException("The suggestion was decided concurrently; read it again.", ex);
        }

        return unchanged;
    }
}
