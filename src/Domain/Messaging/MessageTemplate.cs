using PesanAI.Domain.Common;

namespace PesanAI.Domain.Messaging;

/// <summary>
/// A message template of one of the tenant's numbers, in one language, as Meta holds it: one event stream per
/// (number, name, language) (<see cref="StreamIdOf"/>), rebuilt by <see cref="Evolve"/>. Its changes (registered,
/// imported, reviewed, paused, recategorised, edited, rated) are in the event log and the audit replay.
/// </summary>
public sealed record MessageTemplate(
    Guid Id,
    string Key,
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
    TemplateQuality Quality,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The stream version this state reflects (set by the event store).</summary>
    public long Version { get; init; }

    /// <summary>The category Meta announced it will move the template to, and when (a notice ahead of the change).</summary>
    public TemplateCategory? UpcomingCategory { get; init; }

    public DateTimeOffset? UpcomingCategoryAt { get; init; }

    /// <summary>The API's id of a template: "{phone_number_id}/{name}/{language}".</summary>
    public static string KeyOf(string phoneNumberId, string name, string language) => $"{phoneNumberId}/{name}/{language}";

    /// <summary>The template's stream id: derived from the tenant and the key, the same on every node.</summary>
    public static Guid StreamIdOf(Guid tenantId, string key) => NameBasedGuid.From($"pesanai:template:{tenantId:D}:{key}");

    public TemplateShape Shape => TemplateShape.Of(ParameterFormat, Components);

    public TemplateStanding Standing => new(Name, Language, Category, Status, Shape);

    public TemplateDefinition Definition =>
        new(PhoneNumberId, WabaId, Name, Language, Category, ParameterFormat, Components, Status, MetaTemplateId, Reason, Quality);

    /// <summary>The state after the first event. (Not named Create: Marten would take that for a convention method.)</summary>
    public static MessageTemplate? Start(ITemplateEvent first) => first switch
    {
        TemplateRegistered e => From(e.TemplateId, e.Definition, e.RecordedAt),
        TemplateImported e => From(e.TemplateId, e.Definition, e.RecordedAt),
        _ => null,
    };

    public MessageTemplate Evolve(object @event) => @event switch
    {
        TemplateRegistered e => From(Id, e.Definition, e.RecordedAt) with { CreatedAt = CreatedAt },
        TemplateImported e => From(Id, e.Definition, e.RecordedAt) with { CreatedAt = CreatedAt },
        TemplateStatusChanged e => this with
        {
            Status = e.Status, Reason = e.Reason, MetaTemplateId = e.MetaTemplateId ?? MetaTemplateId, UpdatedAt = e.RecordedAt,
        },
        TemplateQualityChanged e => this with { Quality = e.Quality, UpdatedAt = e.RecordedAt },
        TemplateCategoryChanged { Upcoming: { } upcoming } e => this with
        {
            UpcomingCategory = upcoming, UpcomingCategoryAt = e.EffectiveAt, UpdatedAt = e.RecordedAt,
        },
        TemplateCategoryChanged e => this with
        {
            Category = e.Category, UpcomingCategory = null, UpcomingCategoryAt = null, UpdatedAt = e.RecordedAt,
        },
        TemplateEdited e => this with { ParameterFormat = e.ParameterFormat, Components = e.Components, UpdatedAt = e.RecordedAt },
        _ => this,
    };

    /// <summary>
    /// The events that bring this template in step with <paramref name="atMeta"/> (what Meta's list shows now):
    /// none when nothing differs.
    /// </summary>
    public IReadOnlyList<ITemplateEvent> StepsTo(TemplateDefinition atMeta, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(atMeta);
        var steps = new List<ITemplateEvent>();
        if (atMeta.ParameterFormat != ParameterFormat || !TemplateComponents.SameAs(atMeta.Components, Components))
        {
            steps.Add(new TemplateEdited(Id, atMeta.ParameterFormat, atMeta.Components, now));
        }

        if (atMeta.Category != Category)
        {
            steps.Add(new TemplateCategoryChanged(Id, atMeta.Category, null, null, now));
        }

        if (atMeta.Status != Status || (atMeta.MetaTemplateId is not null && atMeta.MetaTemplateId != MetaTemplateId))
        {
            steps.Add(new TemplateStatusChanged(Id, atMeta.Status, atMeta.Status.ToString().ToUpperInvariant(), atMeta.Reason ?? Reason, atMeta.MetaTemplateId, now));
        }

        if (atMeta.Quality != Quality && atMeta.Quality != TemplateQuality.Unknown)
        {
            steps.Add(new TemplateQualityChanged(Id, atMeta.Quality, now));
        }

        return steps;
    }

    private static MessageTemplate From(Guid id, TemplateDefinition d, DateTimeOffset at) => new(
        id, KeyOf(d.PhoneNumberId, d.Name, d.Language), d.PhoneNumberId, d.WabaId, d.Name, d.Language, d.Category, d.ParameterFormat,
        d.Components, d.Status, d.MetaTemplateId, d.Reason, d.Quality, at, at);
}

/// <summary>Comparing component lists by value (records compare lists by reference).</summary>
public static class TemplateComponents
{
    public static bool SameAs(IReadOnlyList<TemplateComponent> left, IReadOnlyList<TemplateComponent> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.Count == right.Count && left.Zip(right).All(p =>
            string.Equals(p.First.Type, p.Second.Type, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.First.Format, p.Second.Format, StringComparison.OrdinalIgnoreCase)
            && p.First.Text == p.Second.Text
            && p.First.Buttons.SequenceEqual(p.Second.Buttons));
    }
}
