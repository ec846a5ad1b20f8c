using System.Text.Json;
using PesanAI.Application.Conversations;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Messaging;

/// <summary>The message record a queued message starts as (the projection and SendMessage's answer share it).</summary>
public static class OutboundRecords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static MessageRecord From(MessageQueued queued) => new(
        MessageRecord.OutboundId(queued.MessageId),
        queued.ConversationId,
        MessageDirection.Outbound,
        Summary(queued.Content),
        queued.ReplyToWamid is { } replyTo ? new MessageContext(RepliedToWamid: replyTo) : null,
        null,
        queued.QueuedAt,
        queued.QueuedAt)
    {
        MessageId = queued.MessageId,
        Origin = queued.Origin,
        SendState = SendState.Queued,
        Outbound = queued.Content,
        Category = queued.Category,
        RequestId = queued.RequestId,
    };

    /// <summary>The sent content in the shape inbound messages are listed in; templates and interactive messages as their JSON.</summary>
    public static MessageContent Summary(OutboundContent content) => content.Type switch
    {
        "text" => MessageContent.OfText(content.Text ?? string.Empty),
        "location" => new MessageContent("location") { Location = content.Location },
        "contacts" => new MessageContent("contacts") { Contacts = content.Contacts },
        "reaction" => new MessageContent("reaction") { Reaction = content.Reaction },
        "image" or "audio" or "video" or "document" or "sticker" when content.Media is { } media =>
            new MessageContent(content.Type)
            {
                Media = new MediaContent(media.MediaId ?? string.Empty, string.Empty, null, media.Caption, media.Filename, Url: media.Link) { StoredMediaId = media.StoredMediaId },
            },
        "template" => new MessageContent("template") { RawJson = JsonSerializer.Serialize(content.Template, Json) },
        _ => new MessageContent(content.Type) { RawJson = JsonSerializer.Serialize(content.Interactive, Json) },
    };
}
