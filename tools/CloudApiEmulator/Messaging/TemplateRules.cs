using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Media;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Templates;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// A template send checked against the template as Meta does: it must be APPROVED in that language (else 132001;
/// PAUSED 132015, DISABLED 132016), then the header, the body and the buttons each against what the template declares.
/// </summary>
internal static class TemplateRules
{
    public static (TemplateCheck? Check, GraphError? Error) Check(
        TemplateCatalog catalog, MediaLibrary media, BusinessNumber number, TemplateReference sent)
    {
        var template = catalog.Find(number.WabaId, sent.Name, sent.Language);
        var refusal = template?.Status switch
        {
            "APPROVED" => null,
            "PAUSED" => MetaErrors.TemplatePaused(sent.Name),
            "DISABLED" => MetaErrors.TemplateDisabled(sent.Name),
            _ => MetaErrors.TemplateMissing(sent.Name, sent.Language),
        };
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var header = Parameters(sent, "HEADER");
        var body = Parameters(sent, "BODY");
        var buttons = sent.Components.Where(c => c.String("type")?.ToUpperInvariant() == "BUTTON").ToList();

        var (sentHeader, item, headerError) = TemplateHeader.Check(template!, header, media, number);
        if (headerError is not null)
        {
            return (null, headerError);
        }

        var (bodyText, sentBody, bodyError) = TemplateBody.Check(template!, body);
        if (bodyError is not null)
        {
            return (null, bodyError);
        }

        var (sentButtons, buttonError) = TemplateButtons.Check(template!, buttons);
        if (buttonError is not null)
        {
            return (null, buttonError);
        }

        var resolved = new SentTemplate(template!.Id, template.Name, template.Language, template.Category, template.ParameterFormat)
        {
            Header = sentHeader,
            BodyText = bodyText!,
            Body = sentBody,
            Buttons = sentButtons,
        };
        return (new TemplateCheck(template, resolved, item), null);
    }

    /// <summary>The parameters of every component of that type, in order (a send may split them over several).</summary>
    private static List<JsonElement> Parameters(TemplateReference sent, string type) =>
        [.. sent.Components
            .Where(c => c.String("type")?.ToUpperInvariant() == type)
            .SelectMany(c => c.Array("parameters")?.EnumerateArray() ?? Enumerable.Empty<JsonElement>())];
}

/// <summary>An accepted template send: the template, the send as resolved, and the header's media item if it named one.</summary>
internal sealed record TemplateCheck(MessageTemplate Template, SentTemplate Sent, MediaItem? HeaderMedia);
