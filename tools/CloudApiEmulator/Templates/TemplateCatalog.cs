using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>Every WABA's templates, keyed by id; a name and language pair is unique within a WABA.</summary>
internal sealed class TemplateCatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MessageTemplate> _byId = new(StringComparer.Ordinal);

    /// <summary>The new PENDING template, or null when the WABA already has this name in this language.</summary>
    public MessageTemplate? Create(string wabaId, string name, string language, string category, JsonElement components)
    {
        lock (_lock)
        {
            if (_byId.Values.Any(t => t.WabaId == wabaId && t.Name == name && t.Language == language))
            {
                return null;
            }

            var template = new MessageTemplate(Ids.Digits(16), wabaId, name, language, category, components.Clone(), "PENDING", "NONE")
            {
                Placeholders = TemplatePlaceholders.Count(components),
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

    public IReadOnlyList<MessageTemplate> InWaba(string wabaId)
    {
        lock (_lock)
        {
            return [.. _byId.Values.Where(t => t.WabaId == wabaId).OrderBy(t => t.Name, StringComparer.Ordinal)];
        }
    }

    public MessageTemplate? SetStatus(string id, string status, string reason)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var template))
            {
                return null;
            }

            return _byId[id] = template with { Status = status, Reason = reason };
        }
    }
}
