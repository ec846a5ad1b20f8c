using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Templates;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>A template send needs an APPROVED template of that name in that language, and one parameter per placeholder.</summary>
internal static class TemplateRules
{
    public static (MessageTemplate? Template, GraphError? Error) Check(TemplateCatalog catalog, string wabaId, TemplateReference sent)
    {
        var template = catalog.Find(wabaId, sent.Name, sent.Language);
        if (template is not { Status: "APPROVED" })
        {
            return (null, MetaErrors.TemplateMissing(sent.Name, sent.Language));
        }

        foreach (var component in new[] { "HEADER", "BODY" })
        {
            var expected = (component == "HEADER" ? template.Layout.HeaderPlaceholders : template.Layout.BodyPlaceholders).Count;
            var given = sent.Parameters.GetValueOrDefault(component);
            if (expected != given)
            {
                return (null, MetaErrors.TemplateParameters(component.ToLowerInvariant(), given, expected));
            }
        }

        return (template, null);
    }
}
