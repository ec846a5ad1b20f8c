using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

public enum UpsertOutcome
{
    Created = 1,
    Updated = 2,
    Unchanged = 3,
}

public sealed record UpsertedEntry(KnowledgeEntry Entry, UpsertOutcome Outcome, long Version);

/// <summary>
/// Adds an entry or changes one: the one named by <see cref="EntryId"/>, else the one with the same question.
/// Saying again what the entry already says records nothing.
/// </summary>
public sealed record UpsertEntry(string? EntryId, KnowledgeDraft Entry, long? ExpectedVersion) : ICommand<UpsertedEntry>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("entry_id", EntryId).Concat(KnowledgeRequests.Entry(Entry));
}

public sealed class UpsertEntryHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<UpsertEntry, UpsertedEntry>
{
    public async ValueTask<UpsertedEntry> Handle(UpsertEntry command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        Guid? entryId = string.IsNullOrEmpty(command.EntryId) ? null : Guid.Parse(command.EntryId);
        var newId = Guid.CreateVersion7();
        var (before, after, events) = await KnowledgeStream.Update(
            session,
            tenantId,
            command.ExpectedVersion,
            state => KnowledgeDecider.Upsert(state, KnowledgeBase.StreamIdOf(tenantId), entryId, command.Entry, newId, clock.GetUtcNow()),
            cancellationToken);

        // Nothing decided: the entry already said this, and the decider found it (by id or question).
        var id = events.Count > 0 ? ((KnowledgeEntryUpserted)events[0]).EntryId : entryId ?? before!.FindByQuestion(command.Entry.Question!)!.Id;
        var outcome = events.Count == 0 ? UpsertOutcome.Unchanged : before?.Find(id) is null ? UpsertOutcome.Created : UpsertOutcome.Updated;
        return new UpsertedEntry(after!.Find(id)!, outcome, after.Version);
    }
}
