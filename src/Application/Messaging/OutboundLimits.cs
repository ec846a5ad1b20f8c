using PesanAI.Application.Common;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Messaging;

/// <summary>Meta's content limits for sends (WHATSAPP.md): a request over them is INVALID_ARGUMENT, never queued.</summary>
public static class OutboundLimits
{
    public const int TextMax = 4096;
    public const int CaptionMax = 1024;
    public const int InteractiveBodyMax = 1024;
    public const int ReplyButtonsMax = 3;
    public const int ButtonTitleMax = 20;
    public const int ButtonIdMax = 256;
    public const int ListSectionsMax = 10;
    public const int ListRowsMax = 10;
    public const int RowTitleMax = 24;
    public const int RowDescriptionMax = 72;

    private static readonly HashSet<string> MediaTypes = ["image", "audio", "video", "document", "sticker"];

    public static IEnumerable<FieldViolation> Check(string field, OutboundContent? content)
    {
        if (content is null)
        {
            return [new FieldViolation(field, "is required: one of text, template, media, interactive, reaction, location, contacts")];
        }

        return content.Type switch
        {
            "text" => Common.Check.Required($"{field}.text.body", content.Text, TextMax),
            "template" => Template($"{field}.template", content.Template!),
            var t when MediaTypes.Contains(t) => Media($"{field}.media", content.Media!),
            "interactive" => Interactive($"{field}.interactive", content.Interactive!),
            "reaction" => Common.Check.Required($"{field}.reaction.message_id", content.Reaction!.MessageId, 256),
            "location" => Location($"{field}.location", content.Location!),
            "contacts" => content.Contacts is { Count: > 0 } ? [] : [new FieldViolation($"{field}.contacts", "needs at least one card")],
            _ => [new FieldViolation($"{field}.type", $"'{content.Type}' cannot be sent")],
        };
    }

    private static readonly HashSet<string> ButtonKinds = ["quick_reply", "url", "copy_code", "otp", "flow"];

    private static IEnumerable<FieldViolation> Template(string field, TemplateSend template) =>
        Common.Check.Required($"{field}.name", template.Name, 512)
            .Concat(Common.Check.Required($"{field}.language", template.Language, 15))
            .Concat(template.HeaderParameters.Concat(template.BodyParameters).Any(string.IsNullOrEmpty)
                ? [new FieldViolation($"{field}.parameters", "must not be empty")]
                : [])
            .Concat(template.Header switch
            {
                null => [],
                { Format: "location", Location: { } location } => Location($"{field}.header.location", location),
                { Media: { } media } => Media($"{field}.header.{template.Header.Format}", media),
                _ => [new FieldViolation($"{field}.header", "needs one of image, video, document and location")],
            })
            .Concat(template.Buttons.SelectMany((b, i) => ButtonKinds.Contains(b.SubType)
                ? (b.SubType == "flow" && b.FlowActionData is { } data && !IsJsonObject(data)
                    ? [new FieldViolation($"{field}.buttons[{i}].flow.flow_action_data", "must be a JSON object")]
                    : [])
                : new[] { new FieldViolation($"{field}.buttons[{i}]", "needs one of quick_reply_payload, url_suffix, coupon_code, otp and flow") }));

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<FieldViolation> Media(string field, MediaSend media)
    {
        if (new[] { media.MediaId, media.Link, media.StoredMediaId }.Count(v => !string.IsNullOrWhiteSpace(v)) != 1)
        {
            yield return new FieldViolation(field, "needs exactly one of media_id, link and pesanai_media_id");
        }
        else if (media.StoredMediaId is { } stored && !Guid.TryParse(stored, out _))
        {
            yield return new FieldViolation($"{field}.pesanai_media_id", "must be a PesanAI media id (a UUID)");
        }
        else if (media.Link is { } link && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            yield return new FieldViolation($"{field}.link", "must be an absolute http(s) URL");
        }

        foreach (var v in Common.Check.MaxLength($"{field}.caption", media.Caption, CaptionMax))
        {
            yield return v;
        }
    }

    private static IEnumerable<FieldViolation> Interactive(string field, InteractiveSend interactive)
    {
        foreach (var v in Common.Check.Required($"{field}.body", interactive.Body, InteractiveBodyMax))
        {
            yield return v;
        }

        if (interactive.Kind == "button")
        {
            if (interactive.Buttons.Count is 0 or > ReplyButtonsMax)
            {
                yield return new FieldViolation($"{field}.buttons", $"must have 1 to {ReplyButtonsMax} reply buttons");
            }

            for (var i = 0; i < interactive.Buttons.Count; i++)
            {
                foreach (var v in Common.Check.Required($"{field}.buttons[{i}].id", interactive.Buttons[i].Id, ButtonIdMax)
                    .Concat(Common.Check.Required($"{field}.buttons[{i}].title", interactive.Buttons[i].Title, ButtonTitleMax)))
                {
                    yield return v;
                }
            }

            if (interactive.Buttons.Select(b => b.Id).Distinct().Count() != interactive.Buttons.Count)
            {
                yield return new FieldViolation($"{field}.buttons", "button ids must be unique");
            }

            yield break;
        }

        foreach (var v in Common.Check.Required($"{field}.list_button", interactive.ListButton, ButtonTitleMax))
        {
            yield return v;
        }

        var rows = interactive.Sections.SelectMany(s => s.Rows).ToList();
        if (interactive.Sections.Count is 0 or > ListSectionsMax || rows.Count is 0 or > ListRowsMax)
        {
            yield return new FieldViolation($"{field}.sections", $"must have 1 to {ListSectionsMax} sections and 1 to {ListRowsMax} rows in all");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var v in Common.Check.Required($"{field}.rows[{i}].id", rows[i].Id, 200)
                .Concat(Common.Check.Required($"{field}.rows[{i}].title", rows[i].Title, RowTitleMax))
                .Concat(Common.Check.MaxLength($"{field}.rows[{i}].description", rows[i].Description, RowDescriptionMax)))
            {
                yield return v;
            }
        }
    }

    private static IEnumerable<FieldViolation> Location(string field, Domain.Conversations.LocationContent location)
    {
        if (location.Latitude is < -90 or > 90 || location.Longitude is < -180 or > 180)
        {
            yield return new FieldViolation(field, "latitude must be within ±90 and longitude within ±180");
        }
    }
}
