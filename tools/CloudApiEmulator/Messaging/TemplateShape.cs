using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>A template send's <c>template</c> object: name, language code, and its components as sent.</summary>
internal static class TemplateShape
{
    private static readonly string[] ComponentTypes = ["HEADER", "BODY", "BUTTON"];

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

        var components = new List<JsonElement>();
        var list = t.Array("components");
        for (var i = 0; list is { } items && i < items.GetArrayLength(); i++)
        {
            var type = items[i].String("type")?.ToUpperInvariant();
            if (type is null || !ComponentTypes.Contains(type))
            {
                return (null, $"template.components[{i}].type must be header, body or button");
            }

            if (items[i].Has("parameters") && items[i].Array("parameters") is null)
            {
                return (null, $"template.components[{i}].parameters must be an array");
            }

            components.Add(items[i].Clone());
        }

        return (new TemplateReference(name, language, components), null);
    }
}
