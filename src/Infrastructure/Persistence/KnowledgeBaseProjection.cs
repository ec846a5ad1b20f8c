using JasperFx.Events;
using Marten.Events.Aggregation;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Keeps each tenant's KnowledgeBase snapshot in step with its stream through the domain's pure Evolve, inline: writes
/// fetch it instead of replaying, ListEntries reads it, and the responder builds its index from it.
/// </summary>
public sealed class KnowledgeBaseProjection : SingleStreamProjection<KnowledgeBase, Guid>
{
    public KnowledgeBaseProjection()
    {
        foreach (var type in KnowledgeEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override KnowledgeBase? Evolve(KnowledgeBase? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var next = (snapshot, e.Data) switch
        {
            (null, IKnowledgeEvent first) => KnowledgeBase.Start(first),
            (null, _) => null,
            (_, _) => snapshot.Evolve(e.Data),
        };
        return next is null ? null : next with { Version = e.Version };
    }
}
