using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>The shape checks Meta makes on a send before anything else; a problem is error 100 with details.</summary>
internal static partial class SendValidator
{
    private static readonly HashSet<string> MediaTypes = ["image", "audio", "video", "document", "sticker"];

    public static (SendRequest? Request, GraphError? Error) Parse(JsonElement body)
    {
        var problem = Common(body, out var to, out var type, out var bizOpaque, out var contextId);
        problem ??= type switch
        {
            "text" => TextLength.Check(body.Object("text")?.String("body"), "text.body", 1, 4096),
            _ when MediaTypes.Contains(type) => Media(body, type),
            "interactive" => InteractiveRules.Check(body.Object("interactive")),
            "reaction" => body.Object("reaction") is { } reaction && reaction.String("message_id") is { Length: > 0 } && reaction.String("emoji") is not null
                ? null
                : "reaction needs message_id and emoji (an empty emoji removes the reaction)",
            "location" => Location(body.Object("location")),
            "contacts" => Contacts(body.Array("contacts")),
            "template" => null,
            _ => $"Param type must be one of text, template, image, audio, video, document, sticker, interactive, reaction, location, contacts; got '{type}'",
        };
        if (problem is not null)
        {
            return (null, MetaErrors.InvalidParameter(problem));
        }

        var byUserId = body.String("to") is null;
        var request = new SendRequest(to, byUserId ? to : new string([.. to.Where(char.IsAsciiDigit)]), type, bizOpaque, contextId) { ToUserId = byUserId };
        if (type != "template")
        {
            return (request, null);
        }

        var (template, templateProblem) = TemplateShape.Parse(body.Object("template"));
        return templateProblem is null ? (request with { Template = template }, null) : (null, MetaErrors.InvalidParameter(templateProblem));
    }

    private static string? Common(JsonElement body, out string to, out string type, out string? bizOpaque, out string? contextId)
    {
        // A customer who hides their number is sent to by business-scoped user id in "recipient", without "to";
        // when both are given, "to" wins (Meta's documentation).
        to = body.String("to") ?? body.String("recipient") ?? "";
        var byUserId = body.String("to") is null && body.String("recipient") is not null;
        type = body.String("type") ?? "text";   // Meta defaults a missing type to text
        bizOpaque = body.String("biz_opaque_callback_data");
        contextId = body.Object("context")?.String("message_id");
        return body.String("messaging_product") != "whatsapp" ? "Param messaging_product must be whatsapp"
            : byUserId && !UserId().IsMatch(to) ? "Param recipient must be a business-scoped user id (CC.alphanumerics)"
            : !byUserId && !to.Any(char.IsAsciiDigit) ? "Param to must be a phone number or wa_id"
            : body.String("recipient_type") is { } recipient && recipient != "individual" ? "Param recipient_type must be individual"
            : bizOpaque is not null && TextLength.Of(bizOpaque) > 512 ? "biz_opaque_callback_data is too long: at most 512 characters"
            : body.Has("context") && contextId is null ? "context.message_id is required when context is given"
            : null;
    }

    /// <summary>A BSUID: a country code, a dot, up to 128 alphanumerics; a parent BSUID has ".ENT." in between.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$")]
    private static partial System.Text.RegularExpressions.Regex UserId();

    private static string? Media(JsonElement body, string type)
    {
        if (body.Object(type) is not { } media)
        {
            return $"{type} object is required";
        }

        var link = media.String("link");
        var id = media.String("id");
        if ((link is null) == (id is null))
        {
            return $"{type} needs exactly one of link or id";
        }

        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return $"{type}.link must be an http(s) URL";
        }

        return TextLength.Check(media.String("caption"), $"{type}.caption", 0, 1024);
    }

    private static string? Location(JsonElement? location) =>
        location is { } l
        && l.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number && Math.Abs(lat.GetDouble()) <= 90
        && l.TryGetProperty("longitude", out var lon) && lon.ValueKind == JsonValueKind.Number && Math.Abs(lon.GetDouble()) <= 180
            ? null
            : "location needs numeric latitude (-90..90) and longitude (-180..180)";

    private static string? Contacts(JsonElement? contacts) =>
        contacts is { } cards && cards.GetArrayLength() > 0
        && cards.EnumerateArray().All(c => c.Object("name")?.String("formatted_name") is { Length: > 0 })
            ? null
            : "contacts needs at least one card, each with name.formatted_name";
}
