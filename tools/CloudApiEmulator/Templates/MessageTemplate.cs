using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>A message template of one WABA in one language; <see cref="Status"/> changes, the rest does not.</summary>
internal sealed record MessageTemplate(
    string Id,
    string WabaId,
    string Name,
    string Language,
    string Category,
    JsonElement Components,
    string Status,
    string Reason)
{
    /// <summary><c>{{n}}</c> placeholders per component type (HEADER, BODY), counted once when created.</summary>
    public required IReadOnlyDictionary<string, int> Placeholders { get; init; }

    public bool IsMarketing => Category == "MARKETING";

    /// <summary>Meta's listing shape (GET message_templates).</summary>
    public object ToListItem() => new
    {
        name = Name,
        components = Components,
        language = Language,
        status = Status,
        category = Category,
        id = Id,
    };
}
