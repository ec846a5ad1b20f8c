using System.Text.Json;
using System.Text.RegularExpressions;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>A text parameter of a template send: the right kind (else 132012), and no newline, tab or run of more than four spaces (132018).</summary>
internal static partial class TemplateText
{
    /// <summary>The text of <paramref name="parameter"/> when its type is one of <paramref name="kinds"/>; currency and date_time give their fallback_value.</summary>
    public static (string? Text, string? Kind, GraphError? Error) Read(JsonElement parameter, string where, params string[] kinds)
    {
        var kind = parameter.String("type")?.ToLowerInvariant();
        if (kind is null || !kinds.Contains(kind))
        {
            return (null, null, MetaErrors.TemplateParameterFormat($"{where}: expected a parameter of type {string.Join(" or ", kinds)}, got {kind ?? "none"}"));
        }

        var text = kind switch
        {
            "text" => parameter.String("text"),
            "currency" or "date_time" => parameter.Object(kind)?.String("fallback_value"),
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            return (null, null, MetaErrors.TemplateParameterFormat(kind == "text" ? $"{where}: text is required" : $"{where}: {kind}.fallback_value is required"));
        }

        return Unsendable().IsMatch(text)
            ? (null, null, MetaErrors.TemplateParameterInvalid($"{where}: a parameter cannot have new-line or tab characters or more than 4 consecutive spaces"))
            : (text, kind, null);
    }

    [GeneratedRegex(@"[\n\r\t]| {5,}")]
    private static partial Regex Unsendable();
}
