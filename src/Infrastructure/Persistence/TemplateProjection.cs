using JasperFx.Events;
using Marten.Events.Aggregation;
using PesanAI.Domain.Messaging;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Keeps each template's snapshot in step with its stream through the domain's pure Evolve, inline: sends read it in
/// the same batch as the conversation, ListTemplates queries it, webhooks find a WABA's templates by name.
/// </summary>
public sealed class TemplateProjection : SingleStreamProjection<MessageTemplate, Guid>
{
    public TemplateProjection()
    {
        foreach (var type in TemplateEventTypes.All)
        {
            IncludeType(type);
        }
    }

    public override MessageTemplate? Evolve(MessageTemplate? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var next = (snapshot, e.Data) switch
        {
            (null, ITemplateEvent first) => MessageTemplate.Start(first),
            (null, _) => null,
            (_, _) => snapshot.Evolve(e.Data),
        };
        return next is null ? null : next with { Version = e.Version };
    }
}
