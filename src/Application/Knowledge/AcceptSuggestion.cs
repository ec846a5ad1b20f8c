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
public sealed record AcceptSuggestion(string? SuggestionId, KnowledgeDraft? Edits, long? ExpectedVersion) : ICommand<AcceptedSuggestion>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        var edits = Edits ?? new KnowledgeDraft(null, null, null, null);

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
        var draft = KnowledgeSuggestionDecider.Draft(KnowledgeSuggestionDecider.EnsurePending(suggestion.Aggregate, suggestionId), command.Edits);
        var baseId = KnowledgeBase.StreamIdOf(tenantId);
        var knowledge = await session.FetchForWritingAsync(KnowledgeStream.Kind, baseId, command.ExpectedVersion, cancellationToken);
        var before = knowledge.Aggregate;
        var upserted = KnowledgeDecider.Upsert(before, baseId, null, draft, Guid.CreateVersion7(now), now);
        var entryId = upserted.Count > 0 ? ((KnowledgeEntryUpserted)upserted[0]).EntryId : before!.FindByQuestion(draft.Question!)!.Id;
        var decided = KnowledgeSuggestionDecider.Accept(suggestion.Aggregate, suggestionId, entryId, draft, actor.MemberId ?? actor.CredentialId, now);
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
