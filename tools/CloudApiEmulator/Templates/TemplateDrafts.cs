using System.Text.Json;
using System.Text.RegularExpressions;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>Reads a creation body (Graph's or the admin one) into a <see cref="TemplateDraft"/>, with Meta's rules.</summary>
internal static partial class TemplateDrafts
{
    public static readonly string[] Categories = ["MARKETING", "UTILITY", "AUTHENTICATION"];

    public static readonly string[] Statuses =
        ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "PENDING_DELETION", "DELETED", "ARCHIVED", "LIMIT_EXCEEDED"];

    public static readonly string[] QualityScores = ["GREEN", "YELLOW", "RED", "UNKNOWN"];

    private static readonly string[] ParameterFormats = ["POSITIONAL", "NAMED"];

    /// <summary>
    /// The draft, or the problem. Graph's create always starts PENDING; the admin create takes
    /// <c>status</c> (default APPROVED) and <c>quality_score</c>.
    /// </summary>
    public static (TemplateDraft? Draft, string? Problem) Parse(JsonElement body, string wabaId, bool admin)
    {
        var name = body.String("name");
        var language = body.String("language");
        var category = body.String("category")?.ToUpperInvariant();
        var parameterFormat = body.String("parameter_format")?.ToUpperInvariant() ?? "POSITIONAL";
        var status = admin ? body.String("status")?.ToUpperInvariant() ?? "APPROVED" : "PENDING";
        var quality = admin ? body.String("quality_score")?.ToUpperInvariant() : null;
        var components = body.Array("components");
        var problem = name is null || !TemplateName().IsMatch(name) ? "name must be 1-512 lowercase letters, digits or underscores"
            : string.IsNullOrWhiteSpace(language) ? "language is required"
            : category is null || !Categories.Contains(category) ? "category must be MARKETING, UTILITY or AUTHENTICATION"
            : !ParameterFormats.Contains(parameterFormat) ? "parameter_format must be POSITIONAL or NAMED"
            : !Statuses.Contains(status) ? "status must be one of " + string.Join(", ", Statuses)
            : quality is not null && !QualityScores.Contains(quality) ? "quality_score must be GREEN, YELLOW, RED or UNKNOWN"
            : components is null ? "components must be an array that includes a BODY"
            : null;
        if (problem is not null)
        {
            return (null, problem);
        }

        var (layout, layoutProblem) = TemplateLayouts.Parse(components!.Value, parameterFormat, category!);
        if (layout is null)
        {
            return (null, layoutProblem);
        }

        return (new TemplateDraft(wabaId, name!, language!, category!, parameterFormat, components.Value, layout, status, quality, body.String("sub_category")), null);
    }

    [GeneratedRegex("^[a-z0-9_]{1,512}$")]
    private static partial Regex TemplateName();
}
