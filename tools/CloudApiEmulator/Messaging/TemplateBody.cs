using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Templates;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// The body parameters against the template's placeholders: as many as it declares (132000); text, currency or
/// date_time (132012); positional in the order <c>{{1}}</c>, <c>{{2}}</c>, ... (a <c>parameter_name</c> is ignored),
/// named by <c>parameter_name</c> (an unknown or missing one: 132012, a repeated one: 132000). The filled body is at
/// most 1024 characters (132005); an authentication template's code at most 15.
/// </summary>
internal static class TemplateBody
{
    private static readonly string[] Kinds = ["text", "currency", "date_time"];

    public static (string? BodyText, IReadOnlyList<SentParameter> Body, GraphError? Error) Check(MessageTemplate template, IReadOnlyList<JsonElement> parameters)
    {
        var layout = template.Layout;
        var named = template.ParameterFormat == "NAMED";
        if (parameters.Count != layout.BodyPlaceholders.Count)
        {
            return (null, [], MetaErrors.TemplateParameters("body", parameters.Count, layout.BodyPlaceholders.Count));
        }

        // Positional placeholders are filled in numeric order, whatever order the text uses them in.
        var positions = named ? [.. layout.BodyPlaceholders]
            : layout.BodyPlaceholders.OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var sent = new List<SentParameter>();
        for (var i = 0; i < parameters.Count; i++)
        {
            var where = $"body.parameters[{i}]";
            var (text, kind, error) = TemplateText.Read(parameters[i], where, Kinds);
            if (error is not null)
            {
                return (null, [], error);
            }

            var name = named ? parameters[i].String("parameter_name") : positions[i];
            if (named && (name is null || !layout.BodyPlaceholders.Contains(name)))
            {
                return (null, [], MetaErrors.TemplateParameterFormat(
                    $"{where}: parameter_name {(name is null ? "is required for a NAMED template" : $"'{name}' is not one of the template's: {string.Join(", ", layout.BodyPlaceholders)}")}"));
            }

            if (!values.TryAdd(name!, text!))
            {
                return (null, [], MetaErrors.TemplateParameterCount($"{where}: parameter_name '{name}' is given twice"));
            }

            if (template.Category == "AUTHENTICATION" && TextLength.Of(text!) > 15)
            {
                return (null, [], MetaErrors.TemplateTextTooLong($"{where}: a one-time password is at most 15 characters"));
            }

            sent.Add(new SentParameter(kind!, named ? name : null, text!));
        }

        var filled = TemplateLayouts.Fill(layout.BodyText, values);
        var length = TextLength.Of(filled);
        return length > 1024
            ? (null, [], MetaErrors.TemplateTextTooLong($"body: {length} characters once filled in, at most 1024"))
            : (filled, sent, null);
    }
}
