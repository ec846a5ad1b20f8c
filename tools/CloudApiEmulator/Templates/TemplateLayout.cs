using System.Text.Json;
using System.Text.RegularExpressions;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>What a send must fill in, read once from the template's components in Meta's creation format.</summary>
internal sealed record TemplateLayout(
    string? HeaderFormat,
    string? HeaderText,
    IReadOnlyList<string> HeaderPlaceholders,
    string BodyText,
    IReadOnlyList<string> BodyPlaceholders,
    IReadOnlyList<TemplateButton> Buttons);

/// <summary>A button of the template; <see cref="TakesSuffix"/>: a URL (or OTP) button whose URL ends in <c>{{1}}</c>.</summary>
internal sealed record TemplateButton(int Index, string Type, string? Text, string? Url, string? OtpType)
{
    public bool TakesSuffix => Type == "OTP" || (Url is not null && Url.Contains("{{1}}", StringComparison.Ordinal));
}

internal static partial class TemplateLayouts
{
    private static readonly string[] HeaderFormats = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];
    private static readonly string[] ButtonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "FLOW", "CATALOG", "MPM", "VOICE_CALL"];
    private static readonly string[] OtpTypes = ["COPY_CODE", "ONE_TAP", "ZERO_TAP"];

    private const string AuthenticationBody = "*{{1}}* is your verification code.";

    /// <summary>The layout, or what is wrong with the components (Meta answers that with code 100).</summary>
    public static (TemplateLayout? Layout, string? Problem) Parse(JsonElement components, string parameterFormat, string category)
    {
        string? headerFormat = null, headerText = null, bodyText = null;
        var buttons = new List<TemplateButton>();
        for (var i = 0; i < components.GetArrayLength(); i++)
        {
            var component = components[i];
            var type = component.String("type")?.ToUpperInvariant();
            var text = component.String("text");
            switch (type)
            {
                case "HEADER":
                    headerFormat = component.String("format")?.ToUpperInvariant() ?? "TEXT";
                    headerText = text;
                    if (!HeaderFormats.Contains(headerFormat))
                    {
                        return (null, $"components[{i}].format must be one of {string.Join(", ", HeaderFormats)}");
                    }

                    if (headerFormat == "TEXT" && TooLong(text, 1, 60) is { } headerProblem)
                    {
                        return (null, $"components[{i}].text {headerProblem}");
                    }

                    break;
                case "BODY":
                    // Meta writes an authentication template's body itself, around the one-time password.
                    bodyText = text ?? (category == "AUTHENTICATION" ? AuthenticationBody : null);
                    if (TooLong(bodyText, 1, 1024) is { } bodyProblem)
                    {
                        return (null, $"components[{i}].text {bodyProblem}");
                    }

                    break;
                case "FOOTER":
                    if (TooLong(text, 0, 60) is { } footerProblem)
                    {
                        return (null, $"components[{i}].text {footerProblem}");
                    }

                    break;
                case "BUTTONS":
                    if (Buttons(component.Array("buttons"), i, buttons) is { } buttonProblem)
                    {
                        return (null, buttonProblem);
                    }

                    break;
                default:
                    return (null, $"components[{i}].type must be HEADER, BODY, FOOTER or BUTTONS");
            }
        }

        if (bodyText is null)
        {
            return (null, "components must include a BODY");
        }

        var header = Placeholders(headerText);
        var body = Placeholders(bodyText);
        var problem = header.Count > 1 ? "a TEXT header takes at most one parameter"
            : PlaceholderProblem(header.Concat(body), parameterFormat);
        return problem is null
            ? (new TemplateLayout(headerFormat, headerText, header, bodyText, body, buttons), null)
            : (null, problem);
    }

    /// <summary>Distinct placeholder names in order of first appearance (<c>1</c>, <c>2</c> or <c>first_name</c>).</summary>
    public static IReadOnlyList<string> Placeholders(string? text) => text is null
        ? []
        : [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary><paramref name="text"/> with each <c>{{name}}</c> replaced by its value.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static string? Buttons(JsonElement? list, int component, List<TemplateButton> buttons)
    {
        // PesanAI's RegisterTemplate may send BUTTONS without a list: no buttons.
        var count = list?.GetArrayLength() ?? 0;
        if (count > 10)
        {
            return $"components[{component}].buttons: at most 10 buttons";
        }

        for (var b = 0; b < count; b++)
        {
            var button = list!.Value[b];
            var field = $"components[{component}].buttons[{b}]";
            var type = button.String("type")?.ToUpperInvariant();
            var otpType = button.String("otp_type")?.ToUpperInvariant();
            var url = button.String("url");
            var problem = type is null || !ButtonTypes.Contains(type) ? $"{field}.type must be one of {string.Join(", ", ButtonTypes)}"
                : TooLong(button.String("text"), 0, 25) is { } label ? $"{field}.text {label}"
                : type == "URL" && !(Uri.TryCreate(url?.Replace("{{1}}", "x", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    ? $"{field}.url must be an http(s) URL, optionally ending in {{{{1}}}}"
                : type == "PHONE_NUMBER" && string.IsNullOrWhiteSpace(button.String("phone_number")) ? $"{field}.phone_number is required"
                : type == "OTP" && (otpType is null || !OtpTypes.Contains(otpType)) ? $"{field}.otp_type must be COPY_CODE, ONE_TAP or ZERO_TAP"
                : type == "FLOW" && button.String("flow_id") is null && button.String("flow_name") is null && button.String("flow_json") is null
                    ? $"{field} needs flow_id, flow_name or flow_json"
                : null;
            if (problem is not null)
            {
                return problem;
            }

            buttons.Add(new TemplateButton(buttons.Count, type!, button.String("text"), url, otpType));
        }

        var kinds = buttons.GroupBy(b => b.Type).ToDictionary(g => g.Key, g => g.Count());
        return buttons.Count > 10 ? "at most 10 buttons"
            : kinds.GetValueOrDefault("URL") > 2 ? "at most 2 URL buttons"
            : kinds.GetValueOrDefault("PHONE_NUMBER") > 1 ? "at most 1 PHONE_NUMBER button"
            : kinds.GetValueOrDefault("COPY_CODE") > 1 ? "at most 1 COPY_CODE button"
            : null;
    }

    private static string? PlaceholderProblem(IEnumerable<string> names, string parameterFormat) =>
        parameterFormat == "NAMED"
            ? names.FirstOrDefault(n => !NamedPlaceholder().IsMatch(n)) is { } bad ? $"NAMED parameters must be lowercase snake_case, got {{{{{bad}}}}}" : null
            : names.FirstOrDefault(n => !n.All(char.IsAsciiDigit)) is { } word ? $"POSITIONAL parameters are {{{{1}}}}, {{{{2}}}}, ...; got {{{{{word}}}}} (set parameter_format NAMED)" : null;

    private static string? TooLong(string? text, int min, int max) =>
        text is null ? (min > 0 ? "is required" : null)
        : text.EnumerateRunes().Count() is var length && length < min ? "must not be empty"
        : length > max ? $"is too long: {length} characters, at most {max}"
        : null;

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamedPlaceholder();
}
