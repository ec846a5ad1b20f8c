using PesanAI.Domain.Common;

namespace PesanAI.Domain.Messaging;

/// <summary>What every event of a template's stream carries: the stream (<see cref="MessageTemplate.StreamIdOf"/>) and when.</summary>
public interface ITemplateEvent
{
    Guid TemplateId { get; }

    DateTimeOffset RecordedAt { get; }
}

/// <summary>
/// The template as Meta holds it, for one of the tenant's numbers: what <see cref="TemplateRegistered"/> and
/// <see cref="TemplateImported"/> both carry.
/// </summary>
public sealed record TemplateDefinition(
    string PhoneNumberId,
    string WabaId,
    string Name,
    string Language,
    TemplateCategory Category,
    TemplateParameterFormat ParameterFormat,
    IReadOnlyList<TemplateComponent> Components,
    TemplateStatus Status,
    string? MetaTemplateId,
    string? Reason,
    TemplateQuality Quality);

/// <summary>PesanAI submitted the template to Meta for review (RegisterTemplate); a rejected one may be registered again.</summary>
public sealed record TemplateRegistered(Guid TemplateId, TemplateDefinition Definition, DateTimeOffset RecordedAt) : ITemplateEvent;

/// <summary>The template was found at Meta (created in Business Manager or elsewhere) and imported as it stands there.</summary>
public sealed record TemplateImported(Guid TemplateId, TemplateDefinition Definition, DateTimeOffset RecordedAt) : ITemplateEvent;

/// <summary>Meta changed the template's status (<see cref="MetaEvent"/> as Meta named it; <see cref="Reason"/> Meta's reason).</summary>
public sealed record TemplateStatusChanged(
    Guid TemplateId, TemplateStatus Status, string MetaEvent, string? Reason, string? MetaTemplateId, DateTimeOffset RecordedAt) : ITemplateEvent;

public sealed record TemplateQualityChanged(Guid TemplateId, TemplateQuality Quality, DateTimeOffset RecordedAt) : ITemplateEvent;

/// <summary>
/// Meta recategorised the template (<see cref="EffectiveAt"/>: when; a notice ahead of the change records the
/// category it will take in <see cref="Upcoming"/> and leaves <see cref="Category"/> as it is).
/// </summary>
public sealed record TemplateCategoryChanged(
    Guid TemplateId, TemplateCategory Category, TemplateCategory? Upcoming, DateTimeOffset? EffectiveAt, DateTimeOffset RecordedAt) : ITemplateEvent;

/// <summary>The template was edited at Meta (its components or parameter format differ from what PesanAI held).</summary>
public sealed record TemplateEdited(
    Guid TemplateId, TemplateParameterFormat ParameterFormat, IReadOnlyList<TemplateComponent> Components, DateTimeOffset RecordedAt) : ITemplateEvent;

public static class TemplateEventTypes
{
    /// <summary>Every event of a template's stream, for registration with the event store.</summary>
    public static IReadOnlyList<Type> All { get; } = DomainEvents.Implementing<ITemplateEvent>();
}
