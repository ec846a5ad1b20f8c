namespace PesanAI.Domain.Conversations;

/// <summary>
/// What a WhatsApp message carries, typed. <see cref="Type"/> is Meta's type name (text, image, audio, video,
/// document, sticker, location, contacts, interactive, button, reaction, order, system, request_welcome,
/// unsupported, or any type Meta adds later); exactly the part for that type is set. Types PesanAI does not
/// know keep Meta's JSON in <see cref="RawJson"/>.
/// </summary>
public sealed record MessageContent(string Type)
{
    public string? Text { get; init; }

    public MediaContent? Media { get; init; }

    public LocationContent? Location { get; init; }

    public IReadOnlyList<ContactCard>? Contacts { get; init; }

    public InteractiveReply? Interactive { get; init; }

    public ButtonReply? Button { get; init; }

    public ReactionContent? Reaction { get; init; }

    public OrderContent? Order { get; init; }

    public SystemNotice? System { get; init; }

    /// <summary>Meta's JSON of the message, for unsupported and unknown types.</summary>
    public string? RawJson { get; init; }

    public static MessageContent OfText(string body) => new("text") { Text = body };
}

/// <summary>Image, audio, video, document or sticker. <see cref="MediaId"/> is Meta's media id (valid about 7 days).</summary>
public sealed record MediaContent(
    string MediaId,
    string MimeType,
    string? Sha256,
    string? Caption = null,
    string? Filename = null,
    bool Voice = false,
    bool Animated = false,
    string? Url = null)
{
    /// <summary>Outbound: PesanAI's id of the stored file that was sent.</summary>
    public string? StoredMediaId { get; init; }
}

public sealed record LocationContent(double Latitude, double Longitude, string? Name = null, string? Address = null, string? Url = null);

public sealed record ContactCard(
    string FormattedName,
    IReadOnlyList<ContactPhone> Phones,
    IReadOnlyList<string> Emails,
    string? Organization = null,
    string? Birthday = null);

public sealed record ContactPhone(string Phone, string? WaId = null, string? Type = null);

/// <summary>A reply to an interactive message: <see cref="Kind"/> is button_reply, list_reply or nfm_reply.</summary>
public sealed record InteractiveReply(string Kind, string Id, string Title, string? Description = null, string? FlowName = null, string? FlowResponseJson = null);

/// <summary>A quick-reply button on a template.</summary>
public sealed record ButtonReply(string Payload, string Text);

/// <summary>A reaction to a message; a null <see cref="Emoji"/> removes the reaction.</summary>
public sealed record ReactionContent(string MessageId, string? Emoji);

public sealed record OrderContent(string CatalogId, string? Text, IReadOnlyList<OrderItem> Items);

public sealed record OrderItem(string ProductRetailerId, int Quantity, decimal ItemPrice, string Currency);

/// <summary>
/// A system message: <c>user_changed_number</c> (with the customer's new wa_id) or <c>user_changed_user_id</c> (with
/// the new business-scoped user id, <see cref="NewUserId"/>; Meta names it on a changed number too since Aug 2026).
/// </summary>
public sealed record SystemNotice(string Kind, string Body, string? NewWaId = null, string? NewUserId = null);

/// <summary>The message's context: what it replies to, forwarding, a referred catalogue product.</summary>
public sealed record MessageContext(
    string? RepliedToWamid = null,
    string? RepliedToFrom = null,
    bool Forwarded = false,
    bool FrequentlyForwarded = false,
    string? ReferredCatalogId = null,
    string? ReferredProductRetailerId = null);

/// <summary>A click-to-WhatsApp ad the customer came from.</summary>
public sealed record AdReferral(
    string? SourceUrl,
    string? SourceId,
    string? SourceType,
    string? Headline,
    string? Body,
    string? MediaType,
    string? ImageUrl,
    string? VideoUrl,
    string? ThumbnailUrl,
    string? CtwaClid,
    string? WelcomeMessage);
