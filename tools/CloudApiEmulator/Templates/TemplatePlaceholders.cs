using System.Text.Json;
using System.Text.RegularExpressions;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>Counts the parameters a template expects: distinct <c>{{1}}</c> or <c>{{name}}</c> placeholders in header and body text.</summary>
internal static partial class TemplatePlaceholders
{
    public static Dictionary<string, int> Count(JsonElement components)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var component in components.EnumerateArray())
        {
            var type = component.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.ToUpperInvariant() : "";
            if (type is not ("HEADER" or "BODY")
                || !component.TryGetProperty("text", out var text)
                || text.ValueKind != JsonValueKind.String)
            {
                // Media headers (IMAGE, VIDEO, DOCUMENT) take one media parameter; only text placeholders are checked.
                continue;
            }

            counts[type] = Placeholder().Matches(text.GetString()!).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Count();
        }

        return counts;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
