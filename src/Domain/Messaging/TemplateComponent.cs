using System.Text.RegularExpressions;

namespace PesanAI.Domain.Messaging;

/// <summary>
/// A part of a template as Meta defines it: type HEADER (format TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION), BODY,
/// FOOTER or BUTTONS (with <see cref="Buttons"/>); text with placeholders <c>{{1}}</c> or <c>{{name}}</c>.
/// </summary>
public sealed record TemplateComponent(string Type, string? Format, string? Text)
{
    public IReadOnlyList<TemplateButton> Buttons { get; init; } = [];
}

/// <summary>
/// A template button: QUICK_REPLY, URL (a <c>{{1}}</c> at the end of <see cref="Url"/> takes a suffix at send time),
/// PHONE_NUMBER, COPY_CODE, OTP (<see cref="OtpType"/> COPY_CODE, ONE_TAP or ZERO_TAP), FLOW, CATALOG, MPM or others.
/// </summary>
public sealed record TemplateButton(string Type, string? Text, string? Url = null, string? PhoneNumber = null, string? OtpType = null);

/// <summary>How a template's placeholders are written: <c>{{1}}</c> (positional, Meta's default) or <c>{{order_id}}</c> (named).</summary>
public enum TemplateParameterFormat
{
    Positional = 1,
    Named = 2,
}

/// <summary>Meta's quality score of a template.</summary>
public enum TemplateQuality
{
    Unknown = 1,
    Green = 2,
    Yellow = 3,
    Red = 4,
}

/// <summary>Placeholders in template text, in order of first appearance, each once.</summary>
public static partial class TemplatePlaceholders
{
    public static IReadOnlyList<string> In(string? text) =>
        text is null ? [] : [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Named when any placeholder is a name (<c>{{order_id}}</c>), else positional (<c>{{1}}</c>), as Meta reads a new template.</summary>
    public static TemplateParameterFormat FormatOf(IEnumerable<TemplateComponent> components) =>
        components.Any(c => In(c.Text).Any(p => !p.All(char.IsAsciiDigit))) ? TemplateParameterFormat.Named : TemplateParameterFormat.Positional;

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
