using System.Text.Json.Serialization;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

// The object named by a message's type: message.text, message.image, ... (one record per shape).

internal sealed record TextDto
{
    public string? Body { get; init; }
}

/// <summary>image, audio, video, document and sticker share one shape; each uses its own optional fields.</summary>
internal sealed record MediaDto
{
    public string? Id { get; init; }

    public string? MimeType { get; init; }

    public string? Sha256 { get; init; }

    public string? Caption { get; init; }

    public string? Filename { get; init; }

    public bool? Voice { get; init; }

    public bool? Animated { get; init; }

    public string? Url { get; init; }
}

internal sealed record LocationDto
{
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Name { get; init; }

    public string? Address { get; init; }

    public string? Url { get; init; }
}

internal sealed record ContactCardDto
{
    public ContactNameDto? Name { get; init; }

    public IReadOnlyList<ContactPhoneDto?>? Phones { get; init; }

    public IReadOnlyList<ContactEmailDto?>? Emails { get; init; }

    public ContactOrgDto? Org { get; init; }

    public string? Birthday { get; init; }
}

internal sealed record ContactNameDto
{
    public string? FormattedName { get; init; }
}

internal sealed record ContactPhoneDto
{
    public string? Phone { get; init; }

    public string? WaId { get; init; }

    public string? Type { get; init; }
}

internal sealed record ContactEmailDto
{
    public string? Email { get; init; }
}

internal sealed record ContactOrgDto
{
    public string? Company { get; init; }
}

internal sealed record InteractiveDto
{
    public string? Type { get; init; }

    public ReplyDto? ButtonReply { get; init; }

    public ReplyDto? ListReply { get; init; }

    public NfmReplyDto? NfmReply { get; init; }
}

internal sealed record ReplyDto
{
    public string? Id { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }
}

/// <summary>A WhatsApp Flow's reply; <see cref="ResponseJson"/> is a JSON document inside a string.</summary>
internal sealed record NfmReplyDto
{
    public string? Name { get; init; }

    public string? Body { get; init; }

    public string? ResponseJson { get; init; }
}

internal sealed record ButtonDto
{
    public string? Payload { get; init; }

    public string? Text { get; init; }
}

internal sealed record ReactionDto
{
    public string? MessageId { get; init; }

    public string? Emoji { get; init; }
}

internal sealed record OrderDto
{
    public string? CatalogId { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<OrderItemDto?>? ProductItems { get; init; }
}

internal sealed record OrderItemDto
{
    public string? ProductRetailerId { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Quantity { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? ItemPrice { get; init; }

    public string? Currency { get; init; }
}

/// <summary>
/// <c>user_changed_number</c>: <see cref="WaId"/> is the new number (<see cref="NewWaId"/> in payloads
/// before API v12). <c>user_changed_user_id</c> reports a new business-scoped user id (<see cref="UserId"/>) instead,
/// with the old one in <see cref="PreviousUserId"/> (Meta's changelog, Aug 11 2026; a changed number carries both too).
/// </summary>
internal sealed record SystemDto
{
    public string? Body { get; init; }

    public string? Type { get; init; }

    public string? WaId { get; init; }

    public string? NewWaId { get; init; }

    public string? UserId { get; init; }

    public string? PreviousUserId { get; init; }
}
