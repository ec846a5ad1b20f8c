using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>Removes an entry; NOT_FOUND for an id the tenant's knowledge base does not hold (also one already deleted). Returns the new version.</summary>
public sealed record DeleteEntry(string? EntryId, long? ExpectedVersion) : ICommand<long>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("entry_id", EntryId);
}

public sealed class DeleteEntryHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<DeleteEntry, long>
{
    public async ValueTask<long> Handle(DeleteEntry command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (_, after, _) = await KnowledgeStream.Update(
            session,
            TenantOwned.TenantOf(actor),
            command.ExpectedVersion,
            state => KnowledgeDecider.Delete(state, Guid.Parse(command.EntryId!), clock.GetUtcNow()),
            cancellationToken);
        return after?.Version ?? 0;
    }
}
