using JasperFx.Events;
using Marten.Events.Aggregation;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Keeps each knowledge suggestion's snapshot in step with its stream through the domain's pure Evolve, inline:
/// ListSuggestedEntries reads it, Accept and Reject fetch it for writing, erasure finds it by conversation.
/// </summary>
public sealed class KnowledgeSuggestionProjection : SingleStreamProjection<KnowledgeSuggestion, Guid>
{
    public KnowledgeSuggestionProjection()
    {
        foreach (var type in KnowledgeSuggestionEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override KnowledgeSuggestion? Evolve(KnowledgeSuggestion? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var next = (snapshot, e.Data) switch
        {
            (null, KnowledgeEntrySuggested first) => KnowledgeSuggestion.Start(first),
            (null, _) => null,
            (_, _) => snapshot.Evolve(e.Data),
        };
        return next is null ? null : next with { Version = e.Version };
    }
}
