using System.Text.Json.Nodes;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Infrastructure.WhatsApp.Graph;

/// <summary>Meta's request body for POST /{phone-number-id}/messages, from a queued message.</summary>
internal static class SendPayload
{
    public static JsonObject Of(MessageQueued queued)
    {
        var content = queued.Content;
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["type"] = content.Type,

            // Meta echoes it in every status webhook: how an attempt whose answer was lost is recognised.
            ["biz_opaque_callback_data"] = queued.MessageId.ToString("D"),
        };
        // A business-scoped user id goes in "recipient", and "to" stays out (Meta: "to" would win).
        body[CustomerIdentity.IsUserId(queued.Recipient) ? "recipient" : "to"] = queued.Recipient;
        if (queued.ReplyToWamid is { } replyTo)
        {
            body["context"] = new JsonObject { ["message_id"] = replyTo };
        }

        body[content.Type] = content.Type switch
        {
            "text" => new JsonObject { ["body"] = content.Text, ["preview_url"] = content.PreviewUrl },
            "template" => Template(content.Template!),
            "interactive" => Interactive(content.Interactive!),
            "reaction" => new JsonObject { ["message_id"] = content.Reaction!.MessageId, ["emoji"] = content.Reaction.Emoji ?? string.Empty },
            "location" => Location(content.Location!),
            "contacts" => new JsonArray([.. content.Contacts!.Select(Contact)]),
            _ => Media(content.Type, content.Media!),
        };
        return body;
    }

    private static JsonObject Template(TemplateSend template)
    {
        var components = new JsonArray();
        if (template.Header is { } header)
        {
            var parameter = new JsonObject { ["type"] = header.Format };
            parameter[header.Format] = header.Location is { } location ? Location(location) : Media(header.Format, header.Media!);
            components.Add(new JsonObject { ["type"] = "header", ["parameters"] = new JsonArray(parameter) });
        }
        else if (template.HeaderParameters.Count > 0)
        {
            components.Add(new JsonObject { ["type"] = "header", ["parameters"] = TextParameters(template.HeaderParameters) });
        }

        if (template.BodyParameters.Count > 0)
        {
            var parameters = TextParameters(template.BodyParameters);
            if (template.BodyParameterNames is { } names)
            {
                // Named placeholders: each value says which ({{order_id}}) it fills.
                for (var i = 0; i < names.Count && i < parameters.Count; i++)
                {
                    parameters[i]!["parameter_name"] = names[i];
                }
            }

            components.Add(new JsonObject { ["type"] = "body", ["parameters"] = parameters });
        }

        foreach (var button in template.Buttons.OrderBy(b => b.Index))
        {
            components.Add(Button(button));
        }

        return new JsonObject
        {
            ["name"] = template.Name,
            ["language"] = new JsonObject { ["code"] = template.Language },
            ["components"] = components,
        };
    }

    /// <summary>
    /// A button's parameter as Meta takes it. A one-time password goes to the authentication template's button as a
    /// url parameter (Meta: the code in the body and in the button at index 0).
    /// </summary>
    private static JsonObject Button(TemplateButtonSend button)
    {
        var (subType, parameter) = button.SubType switch
        {
            "quick_reply" => ("quick_reply", new JsonObject { ["type"] = "payload", ["payload"] = button.Value ?? string.Empty }),
            "url" => ("url", new JsonObject { ["type"] = "text", ["text"] = button.Value }),
            "otp" => ("url", new JsonObject { ["type"] = "text", ["text"] = button.Value }),
            "copy_code" => ("copy_code", new JsonObject { ["type"] = "coupon_code", ["coupon_code"] = button.Value }),
            _ => ("flow", new JsonObject
            {
                ["type"] = "action",
                ["action"] = new JsonObject
                {
                    ["flow_token"] = button.FlowToken ?? "unused",
                    ["flow_action_data"] = button.FlowActionData is { } data ? JsonNode.Parse(data) : new JsonObject(),
                },
            }),
        };
        return new JsonObject
        {
            ["type"] = "button",
            ["sub_type"] = subType,
            ["index"] = button.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["parameters"] = new JsonArray(parameter),
        };
    }

    private static JsonArray TextParameters(IEnumerable<string> values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = v })]);

    private static JsonObject Media(string type, MediaSend media)
    {
        var node = new JsonObject();
        if (media.MediaId is { Length: > 0 } id)
        {
            node["id"] = id;
        }
        else
        {
            node["link"] = media.Link;
        }

        if (media.Caption is { Length: > 0 } caption && type is not ("audio" or "sticker"))
        {
            node["caption"] = caption;
        }

        if (media.Filename is { Length: > 0 } filename && type == "document")
        {
            node["filename"] = filename;
        }

        return node;
    }

    private static JsonObject Interactive(InteractiveSend interactive)
    {
        var node = new JsonObject { ["type"] = interactive.Kind, ["body"] = new JsonObject { ["text"] = interactive.Body } };
        if (interactive.Header is { Length: > 0 } header)
        {
            node["header"] = new JsonObject { ["type"] = "text", ["text"] = header };
        }

        if (interactive.Footer is { Length: > 0 } footer)
        {
            node["footer"] = new JsonObject { ["text"] = footer };
        }

        node["action"] = interactive.Kind == "button"
            ? new JsonObject
            {
                ["buttons"] = new JsonArray([.. interactive.Buttons.Select(b => (JsonNode)new JsonObject
                {
                    ["type"] = "reply",
                    ["reply"] = new JsonObject { ["id"] = b.Id, ["title"] = b.Title },
                })]),
            }
            : new JsonObject
            {
                ["button"] = interactive.ListButton,
                ["sections"] = new JsonArray([.. interactive.Sections.Select(s => (JsonNode)new JsonObject
                {
                    ["title"] = s.Title,
                    ["rows"] = new JsonArray([.. s.Rows.Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["title"] = r.Title, ["description"] = r.Description })]),
                })]),
            };
        return node;
    }

    private static JsonObject Location(LocationContent location) => new()
    {
        ["latitude"] = location.Latitude,
        ["longitude"] = location.Longitude,
        ["name"] = location.Name,
        ["address"] = location.Address,
    };

    private static JsonNode Contact(ContactCard card) => new JsonObject
    {
        ["name"] = new JsonObject { ["formatted_name"] = card.FormattedName, ["first_name"] = card.FormattedName },
        ["phones"] = new JsonArray([.. card.Phones.Select(p => (JsonNode)new JsonObject { ["phone"] = p.Phone, ["wa_id"] = p.WaId, ["type"] = p.Type })]),
        ["emails"] = new JsonArray([.. card.Emails.Select(e => (JsonNode)new JsonObject { ["email"] = e })]),
    };
}
