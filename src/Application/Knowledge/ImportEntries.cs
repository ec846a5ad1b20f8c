using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>What an import did: the entries' ids in the import's order, and how many were new, changed or already so.</summary>
public sealed record ImportResult(IReadOnlyList<Guid> EntryIds, int Created, int Updated, int Unchanged, long Version);

/// <summary>
/// Adds or changes many entries at once, each found by its question. All or nothing: one bad entry refuses the whole
/// import, naming every bad field (<c>entries[3].answer</c>). Importing the same list again changes nothing.
/// </summary>
public sealed record ImportEntries(IReadOnlyList<KnowledgeDraft> Entries, long? ExpectedVersion) : ICommand<ImportResult>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        if (Entries.Count == 0)
        {
            yield return new FieldViolation("entries", "must hold at least one entry");
            yield break;
        }

        if (Entries.Count > KnowledgeRules.MaxImport)
        {
            yield return new FieldViolation("entries", $"must hold at most {KnowledgeRules.MaxImport} entries (import in parts)");
            yield break;
        }

        var questions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Entries.Count; i++)
        {
            foreach (var violation in KnowledgeRequests.Entry(Entries[i], $"entries[{i}]."))
            {
                yield return violation;
            }

            var key = KnowledgeRules.QuestionKey(Entries[i]?.Question);
            if (key.Length > 0 && !questions.TryAdd(key, i))
            {
                yield return new FieldViolation($"entries[{i}].question", $"repeats entries[{questions[key]}].question");
            }
        }
    }
}

public sealed class ImportEntriesHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<ImportEntries, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportEntries command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var newIds = command.Entries.Select(_ => Guid.CreateVersion7()).ToList();
        var (before, after, events) = await KnowledgeStream.Update(
            session,
            tenantId,
            command.ExpectedVersion,
            state => KnowledgeDecider.Import(state, KnowledgeBase.StreamIdOf(tenantId), command.Entries, newIds, clock.GetUtcNow()),
            cancellationToken);

        var byQuestion = after!.Entries.ToDictionary(e => KnowledgeRules.QuestionKey(e.Question), e => e.Id, StringComparer.Ordinal);
        var ids = command.Entries.Select(e => byQuestion[KnowledgeRules.QuestionKey(e.Question)]).ToList();
        var changed = events.OfType<KnowledgeEntryUpserted>().Select(e => e.EntryId).ToHashSet();
        var created = changed.Count(id => before?.Find(id) is null);
        return new ImportResult(ids, created, changed.Count - created, command.Entries.Count - changed.Count, after.Version);
    }
}
