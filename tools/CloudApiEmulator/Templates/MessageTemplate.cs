using System.Text.Json;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>
/// A message template of one WABA in one language. Status, quality and category change over its life; the
/// components do not. <see cref="Sequence"/> orders the listing and its paging cursors.
/// </summary>
internal sealed record MessageTemplate(
    string Id,
    long Sequence,
    string WabaId,
    string Name,
    string Language,
    string Category,
    string ParameterFormat,
    JsonElement Components,
    TemplateLayout Layout,
    string Status,
    string Reason)
{
    public string QualityScore { get; init; } = "UNKNOWN";

    public DateTimeOffset QualityDate { get; init; }

    public string? SubCategory { get; init; }

    public bool IsMarketing => Category == "MARKETING";

    /// <summary>The answer to a creation: Meta's <c>{id, status, category}</c>, plus name and language.</summary>
    public object ToCreated() => new { id = Id, name = Name, language = Language, status = Status, category = Category };

    /// <summary>Meta's listing shape: the default fields, or the ones <c>fields=</c> asked for (<c>id</c> always).</summary>
    public JsonObject ToListItem(IReadOnlySet<string>? fields = null)
    {
        var item = new JsonObject();
        void Add(string field, Func<JsonNode?> value)
        {
            if (fields is null ? DefaultFields.Contains(field) : fields.Contains(field))
            {
                if (value() is { } node)
                {
                    item[field] = node;
                }
            }
        }

        Add("name", () => Name);
        Add("parameter_format", () => ParameterFormat);
        Add("components", () => JsonNode.Parse(Components.GetRawText()));
        Add("language", () => Language);
        Add("status", () => Status);
        Add("category", () => Category);
        Add("sub_category", () => SubCategory);
        Add("quality_score", () => new JsonObject { ["score"] = QualityScore, ["date"] = QualityDate.ToUnixTimeSeconds() });
        Add("rejected_reason", () => Reason);
        item["id"] = Id;
        return item;
    }

    public static readonly IReadOnlySet<string> DefaultFields =
        new HashSet<string>(["name", "parameter_format", "components", "language", "status", "category", "sub_category", "id"], StringComparer.Ordinal);
}
