using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>Every WABA's templates, keyed by id; a name and language pair is unique within a WABA.</summary>
internal sealed class TemplateCatalog(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MessageTemplate> _byId = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The new template, or null when the WABA already has this name in this language.</summary>
    public MessageTemplate? Create(TemplateDraft draft)
    {
        lock (_lock)
        {
            if (_byId.Values.Any(t => t.WabaId == draft.WabaId && t.Name == draft.Name && t.Language == draft.Language))
            {
                return null;
            }

            var template = new MessageTemplate(
                Ids.Digits(16), ++_sequence, draft.WabaId, draft.Name, draft.Language, draft.Category, draft.ParameterFormat,
                draft.Components.Clone(), draft.Layout, draft.Status, "NONE")
            {
                QualityScore = draft.QualityScore ?? "UNKNOWN",
                QualityDate = clock.GetUtcNow(),
                SubCategory = draft.SubCategory,
            };
            _byId[template.Id] = template;
            return template;
        }
    }

    public MessageTemplate? Find(string wabaId, string name, string language)
    {
        lock (_lock)
        {
            return _byId.Values.FirstOrDefault(t => t.WabaId == wabaId && t.Name == name && t.Language == language);
        }
    }

    /// <summary>The WABA's templates in creation order (the listing's order).</summary>
    public IReadOnlyList<MessageTemplate> InWaba(string wabaId)
    {
        lock (_lock)
        {
            return [.. _byId.Values.Where(t => t.WabaId == wabaId).OrderBy(t => t.Sequence)];
        }
    }

    /// <summary>Replaces the template with <paramref name="change"/> applied; null for an unknown id.</summary>
    public MessageTemplate? Update(string id, Func<MessageTemplate, MessageTemplate> change)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(id, out var template) ? _byId[id] = change(template) : null;
        }
    }

    public MessageTemplate? Get(string id)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(id);
        }
    }
}

/// <summary>A checked creation request, from Graph's create (PENDING) or the admin create (any status).</summary>
internal sealed record TemplateDraft(
    string WabaId,
    string Name,
    string Language,
    string Category,
    string ParameterFormat,
    JsonElement Components,
    TemplateLayout Layout,
    string Status,
    string? QualityScore,
    string? SubCategory);
