using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// The object named by a message's <c>type</c>, as <see cref="MessageContent"/>. A known type missing what it
/// needs fails (the message is skipped); a type PesanAI does not know, <c>unsupported</c>, an interactive
/// reply of an unknown kind and <c>system</c> (whose newer fields have no typed home) keep Meta's JSON.
/// </summary>
internal static class MessageContentMapper
{
    private static WebhookJsonContext Json => WebhookJsonContext.Default;

    public static bool TryMap(string type, JsonElement message, [NotNullWhen(true)] out MessageContent? content, [NotNullWhen(false)] out string? reason)
    {
        content = null;
        reason = null;
        switch (type)
        {
            case "text":
                if (TryPart(message, type, Json.TextDto, out var text, out reason))
                {
                    content = text.Body is null ? null : MessageContent.OfText(text.Body);
                    reason = content is null ? "text.body is missing" : null;
                }

                break;
            case "image" or "audio" or "video" or "document" or "sticker":
                if (TryPart(message, type, Json.MediaDto, out var media, out reason))
                {
                    content = media.Id is null || media.MimeType is null
                        ? null
                        : new MessageContent(type)
                        {
                            Media = new MediaContent(
                                media.Id, media.MimeType, media.Sha256, media.Caption, media.Filename, media.Voice ?? false, media.Animated ?? false, media.Url),
                        };
                    reason = content is null ? $"{type}.id or {type}.mime_type is missing" : null;
                }

                break;
            case "location":
                if (TryPart(message, type, Json.LocationDto, out var location, out reason))
                {
                    // JSON allows 1e999, which reads as infinity: only a real place on Earth is a location.
                    content = location is { Latitude: >= -90d and <= 90d and var latitude, Longitude: >= -180d and <= 180d and var longitude }
                        ? new MessageContent(type) { Location = new LocationContent(latitude, longitude, location.Name, location.Address, location.Url) }
                        : null;
                    reason = content is null ? "location.latitude or location.longitude is missing or out of range" : null;
                }

                break;
            case "contacts":
                if (TryPart(message, type, Json.IReadOnlyListContactCardDto, out var cards, out reason, JsonValueKind.Array)
                    && ContactCards.TryMap(cards, out var mapped, out reason))
                {
                    content = new MessageContent(type) { Contacts = mapped };
                }

                break;
            case "interactive":
                if (TryPart(message, type, Json.InteractiveDto, out var interactive, out reason))
                {
                    content = Interactive(interactive, message, out reason);
                }

                break;
            case "button":
                if (TryPart(message, type, Json.ButtonDto, out var button, out reason))
                {
                    // An absent payload is an empty one: the template button was sent without a payload.
                    content = button.Text is null ? null : new MessageContent(type) { Button = new ButtonReply(button.Payload ?? string.Empty, button.Text) };
                    reason = content is null ? "button.text is missing" : null;
                }

                break;
            case "reaction":
                if (TryPart(message, type, Json.ReactionDto, out var reaction, out reason))
                {
                    // Meta omits the emoji when the customer removes a reaction; an empty one means the same.
                    content = reaction.MessageId is null
                        ? null
                        : new MessageContent(type) { Reaction = new ReactionContent(reaction.MessageId, CustomerLookup.NullIfEmpty(reaction.Emoji)) };
                    reason = content is null ? "reaction.message_id is missing" : null;
                }

                break;
            case "order":
                if (TryPart(message, type, Json.OrderDto, out var order, out reason) && OrderItems.TryMap(order, out var items, out reason))
                {
                    content = new MessageContent(type) { Order = new OrderContent(order.CatalogId!, order.Text, items) };
                }

                break;
            case "system":
                if (TryPart(message, type, Json.SystemDto, out var system, out reason))
                {
                    content = system.Type is null || system.Body is null
                        ? null
                        : new MessageContent(type) { System = new SystemNotice(system.Type, system.Body, CustomerLookup.NullIfEmpty(system.WaId ?? system.NewWaId), CustomerLookup.NullIfEmpty(system.UserId)), RawJson = message.GetRawText() };
                    reason = content is null ? "system.type or system.body is missing" : null;
                }

                break;
            case "request_welcome":
                content = new MessageContent(type);
                break;
            default:
                // unsupported, the older "unknown", and every type Meta adds later.
                content = new MessageContent(type) { RawJson = message.GetRawText() };
                break;
        }

        return content is not null;
    }

    private static MessageContent? Interactive(InteractiveDto interactive, JsonElement message, out string? reason)
    {
        reason = null;
        switch (interactive.Type)
        {
            case "button_reply" or "list_reply":
                var reply = interactive.Type == "button_reply" ? interactive.ButtonReply : interactive.ListReply;
                if (reply is { Id: { } id, Title: { } title })
                {
                    return new MessageContent("interactive") { Interactive = new InteractiveReply(interactive.Type, id, title, reply.Description) };
                }

                reason = $"interactive.{interactive.Type}.id or .title is missing";
                return null;
            case "nfm_reply":
                // A Flow's reply has no id or title: the body ("Sent") stands in for the title.
                if (interactive.NfmReply is { ResponseJson: { } responseJson } nfm)
                {
                    return new MessageContent("interactive")
                    {
                        Interactive = new InteractiveReply("nfm_reply", string.Empty, nfm.Body ?? string.Empty, FlowName: nfm.Name, FlowResponseJson: responseJson),
                    };
                }

                reason = "interactive.nfm_reply.response_json is missing";
                return null;
            case null:
                reason = "interactive.type is missing";
                return null;
            default:
                return new MessageContent("interactive") { RawJson = message.GetRawText() };
        }
    }

    private static bool TryPart<T>(
        JsonElement message, string name, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? part, out string? reason, JsonValueKind kind = JsonValueKind.Object)
        where T : class
    {
        if (!message.TryGetProperty(name, out var element))
        {
            part = null;
            reason = $"{name} is missing";
            return false;
        }

        if (!JsonItems.TryRead(element, typeInfo, out part, out var why, kind))
        {
            reason = $"{name} {why}";
            return false;
        }

        reason = null;
        return true;
    }
}
