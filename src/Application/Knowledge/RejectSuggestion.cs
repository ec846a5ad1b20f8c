using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>Decides that a pending suggestion does not become an entry, optionally saying why.</summary>
public sealed record RejectSuggestion(string? SuggestionId, string? Reason) : ICommand<KnowledgeSuggestion>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        Check.Id("suggestion_id", SuggestionId).Concat(Check.MaxLength("reason", Reason?.Trim(), KnowledgeSuggestionDecider.MaxRejectReasonLength));
}

public sealed class RejectSuggestionHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<RejectSuggestion, KnowledgeSuggestion>
{
    public async ValueTask<KnowledgeSuggestion> Handle(RejectSuggestion command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        TenantOwned.TenantOf(actor);
        var id = Guid.Parse(command.SuggestionId!);
        var after = await session.UpdateAsync(
            SuggestionStream.Kind,
            id,
            null,
            state => KnowledgeSuggestionDecider.Reject(state, id, command.Reason, actor.MemberId ?? actor.CredentialId, clock.GetUtcNow()),
            cancellationToken);
        return after!;
    }
}
