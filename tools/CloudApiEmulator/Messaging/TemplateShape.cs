using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>A template send's <c>template</c> object: name, language code, and parameters per component.</summary>
internal static class TemplateShape
{
    public static (TemplateReference? Template, string? Problem) Parse(JsonElement? template)
    {
        if (template is not { } t || t.String("name") is not { Length: > 0 } name)
        {
            return (null, "template.name is required");
        }

        if (t.Object("language")?.String("code") is not { Length: > 0 } language)
        {
            return (null, "template.language.code is required");
        }

        var parameters = new Dictionary<string, int>(StringComparer.Ordinal);
        var components = t.Array("components");
        for (var i = 0; components is { } list && i < list.GetArrayLength(); i++)
        {
            var type = list[i].String("type")?.ToUpperInvariant();
            if (type is null)
            {
                return (null, "template.components[].type is required");
            }

            // Buttons have one component each (with an index); only header and body parameters are counted.
            if (type is "HEADER" or "BODY")
            {
                parameters[type] = parameters.GetValueOrDefault(type) + (list[i].Array("parameters")?.GetArrayLength() ?? 0);
            }
        }

        return (new TemplateReference(name, language, parameters), null);
    }
}
