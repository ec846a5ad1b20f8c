using JasperFx.Events;
using Marten.Events.Aggregation;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>Keeps each tenant's Conversation snapshot in step with its stream through the domain's pure Evolve.</summary>
public sealed class ConversationProjection : SingleStreamProjection<Conversation, Guid>
{
    public ConversationProjection()
    {
        foreach (var type in ConversationEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override Conversation? Evolve(Conversation? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var next = (snapshot, e.Data) switch
        {
            (null, ConversationStarted started) => Conversation.Start(started),
            (null, _) => null,
            (_, _) => snapshot.Evolve(e.Data),
        };
        return next is null ? null : next with { Version = e.Version };
    }
}
