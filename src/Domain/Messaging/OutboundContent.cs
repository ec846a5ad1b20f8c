using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.Messaging;

/// <summary>
/// What the business sends, typed as Meta's send API takes it. <see cref="Type"/> is text, template, image, audio,
/// video, document, sticker, interactive, reaction, location or contacts; exactly the part for that type is set.
/// </summary>
public sealed record OutboundContent(string Type)
{
    public string? Text { get; init; }

    public bool PreviewUrl { get; init; }

    public TemplateSend? Template { get; init; }

    public MediaSend? Media { get; init; }

    public InteractiveSend? Interactive { get; init; }

    public ReactionContent? Reaction { get; init; }

    public LocationContent? Location { get; init; }

    public IReadOnlyList<ContactCard>? Contacts { get; init; }

    public bool IsTemplate => Template is not null;

    public static OutboundContent OfText(string body) => new("text") { Text = body };
}

/// <summary>
/// A template by name and language with what fills it in: a text header's parameter, the body's parameters in order
/// (with <see cref="BodyParameterNames"/> beside them for a template with named placeholders), a media or location
/// <see cref="Header"/>, and parameters for buttons by index. Checked against the template (<see cref="TemplateSendCheck"/>).
/// </summary>
public sealed record TemplateSend(string Name, string Language, IReadOnlyList<string> HeaderParameters, IReadOnlyList<string> BodyParameters)
{
    /// <summary>The placeholder names of <see cref="BodyParameters"/>, one each, for a template with named placeholders.</summary>
    public IReadOnlyList<string>? BodyParameterNames { get; init; }

    public TemplateHeaderSend? Header { get; init; }

    public IReadOnlyList<TemplateButtonSend> Buttons { get; init; } = [];
}

/// <summary>A header of format image, video or document (<see cref="Media"/>) or location (<see cref="Location"/>).</summary>
public sealed record TemplateHeaderSend(string Format, MediaSend? Media = null, LocationContent? Location = null);

/// <summary>
/// The parameter of the template's button at <see cref="Index"/> (0-based): <see cref="SubType"/> quick_reply (payload),
/// url (the URL's suffix), copy_code (the coupon code), otp (the one-time password; also the body's parameter) or flow
/// (<see cref="FlowToken"/> and <see cref="FlowActionData"/>, a JSON object).
/// </summary>
public sealed record TemplateButtonSend(int Index, string SubType, string? Value = null, string? FlowToken = null, string? FlowActionData = null);

/// <summary>
/// Media by Meta's media id, by a public link, or by PesanAI's id of a stored file (<see cref="StoredMediaId"/>,
/// uploaded to Meta by the dispatcher); exactly one.
/// </summary>
public sealed record MediaSend(string? MediaId, string? Link, string? Caption = null, string? Filename = null, string? StoredMediaId = null);

/// <summary>Reply buttons (<see cref="Kind"/> "button") or a list ("list").</summary>
public sealed record InteractiveSend(
    string Kind,
    string Body,
    string? Header,
    string? Footer,
    IReadOnlyList<ReplyButton> Buttons,
    string? ListButton,
    IReadOnlyList<ListSection> Sections);

public sealed record ReplyButton(string Id, string Title);

public sealed record ListSection(string? Title, IReadOnlyList<ListRow> Rows);

public sealed record ListRow(string Id, string Title, string? Description = null);
