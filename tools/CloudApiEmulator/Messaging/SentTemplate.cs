using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// A template send as the emulator resolved it against the template (shown in <c>/_emulator/messages</c> as
/// <c>template</c>): the filled header and body, and each button with the parameter it got.
/// </summary>
public sealed record SentTemplate(string Id, string Name, string Language, string Category, string ParameterFormat)
{
    public SentHeader? Header { get; init; }

    /// <summary>The body text with its placeholders filled in.</summary>
    public string BodyText { get; init; } = "";

    public IReadOnlyList<SentParameter> Body { get; init; } = [];

    /// <summary>Only the buttons the send gave parameters for, in the order sent.</summary>
    public IReadOnlyList<SentButton> Buttons { get; init; } = [];
}

/// <summary>
/// The header: <c>format</c> (TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION) and what filled it — the text, a media
/// id or link (with a document's filename), or the location object as sent.
/// </summary>
public sealed record SentHeader(string Format)
{
    public string? Text { get; init; }

    public string? MediaId { get; init; }

    public string? Link { get; init; }

    public string? Filename { get; init; }

    public JsonElement? Location { get; init; }
}

/// <summary>A body parameter: its kind (text, currency, date_time), its name (NAMED templates) and its text (a currency's or date's fallback_value).</summary>
public sealed record SentParameter(string Type, string? ParameterName, string Text);

/// <summary>
/// A button parameter: the template's button (<c>index</c>, <c>button_type</c>, label <c>text</c>) and what the
/// send gave it — <c>url</c> (the template's URL with the suffix in place), <c>payload</c>, <c>coupon_code</c>,
/// <c>otp</c> (an authentication template's code), or <c>action</c> (flow, catalog, mpm; as sent).
/// </summary>
public sealed record SentButton(int Index, string SubType, string ButtonType)
{
    public string? Text { get; init; }

    public string? Url { get; init; }

    public string? UrlSuffix { get; init; }

    public string? Payload { get; init; }

    public string? CouponCode { get; init; }

    public string? Otp { get; init; }

    public JsonElement? Action { get; init; }
}
