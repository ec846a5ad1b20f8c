using System.Text.RegularExpressions;

namespace PesanAI.Domain.Messaging;

/// <summary>
/// A template send against the template as Meta holds it, component by component, before anything is queued: every
/// placeholder filled once and nothing else, each header of its format, each button parameter for a button of that
/// kind at that index, and parameter text as Meta takes it (132018: no newline, tab or more than four spaces in a row).
/// Each problem names its field under <c>template</c> (the API prefixes the request's path).
/// </summary>
public static partial class TemplateSendCheck
{
    public const int HeaderTextMax = 60;
    public const int BodyParameterMax = 1024;
    public const int CouponCodeMax = 20;
    public const int OtpMax = 15;
    public const int UrlSuffixMax = 2000;

    public static IEnumerable<(string Field, string Problem)> Problems(TemplateSend send, TemplateShape shape)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(shape);
        return Header(send, shape).Concat(Body(send, shape)).Concat(Buttons(send, shape));
    }

    private static IEnumerable<(string, string)> Header(TemplateSend send, TemplateShape shape)
    {
        var format = shape.HeaderFormat;
        if (format is null or "TEXT")
        {
            if (send.Header is not null)
            {
                yield return ("template.header", format is null ? "the template has no header" : "the template's header is text: give header_parameters");
            }

            var expected = shape.HeaderPlaceholders.Count;
            if (send.HeaderParameters.Count != expected)
            {
                yield return ("template.header_parameters", $"the template's header takes {expected} parameter(s); got {send.HeaderParameters.Count}");
            }

            foreach (var problem in send.HeaderParameters.SelectMany((p, i) => Text($"template.header_parameters[{i}]", p, HeaderTextMax)))
            {
                yield return problem;
            }

            yield break;
        }

        var kind = format.ToLowerInvariant();
        if (send.HeaderParameters.Count > 0)
        {
            yield return ("template.header_parameters", $"the template's header is {Article(kind)} {kind}, not text");
        }

        if (send.Header is null)
        {
            yield return ("template.header", $"the template's header is {Article(kind)} {kind}: give header.{kind}");
        }
        else if (!string.Equals(send.Header.Format, kind, StringComparison.Ordinal))
        {
            yield return ($"template.header.{send.Header.Format}", $"the template's header is {Article(kind)} {kind}, not {Article(send.Header.Format)} {send.Header.Format}");
        }
    }

    private static IEnumerable<(string, string)> Body(TemplateSend send, TemplateShape shape)
    {
        var expected = shape.BodyPlaceholders;
        if (shape.ParameterFormat == TemplateParameterFormat.Named)
        {
            var names = send.BodyParameterNames ?? [];
            if (send.BodyParameters.Count > 0 && send.BodyParameterNames is null)
            {
                yield return ("template.body_parameters", $"the template's body takes named parameters ({string.Join(", ", expected)}): give named_body_parameters");
                yield break;
            }

            for (var i = 0; i < names.Count; i++)
            {
                if (!expected.Contains(names[i], StringComparer.Ordinal))
                {
                    yield return ($"template.named_body_parameters[{i}].name", $"the template's body has no parameter '{names[i]}'");
                }
                else if (names.Take(i).Contains(names[i], StringComparer.Ordinal))
                {
                    yield return ($"template.named_body_parameters[{i}].name", $"'{names[i]}' is given twice");
                }
            }

            foreach (var missing in expected.Where(n => !names.Contains(n, StringComparer.Ordinal)))
            {
                yield return ("template.named_body_parameters", $"the template's body parameter '{missing}' is missing");
            }

            foreach (var problem in send.BodyParameters.SelectMany((p, i) => Text($"template.named_body_parameters[{i}].text", p, BodyParameterMax)))
            {
                yield return problem;
            }

            yield break;
        }

        if (send.BodyParameterNames is not null)
        {
            yield return ("template.named_body_parameters", "the template's body takes positional parameters ({{1}}, {{2}}, …): give body_parameters");
            yield break;
        }

        if (send.BodyParameters.Count != expected.Count)
        {
            yield return ("template.body_parameters", $"the template's body takes {expected.Count} parameter(s); got {send.BodyParameters.Count}");
        }

        foreach (var problem in send.BodyParameters.SelectMany((p, i) => Text($"template.body_parameters[{i}]", p, BodyParameterMax)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<(string, string)> Buttons(TemplateSend send, TemplateShape shape)
    {
        for (var i = 0; i < send.Buttons.Count; i++)
        {
            var given = send.Buttons[i];
            var field = $"template.buttons[{i}]";
            if (given.Index < 0 || given.Index >= shape.Buttons.Count)
            {
                yield return ($"{field}.index", shape.Buttons.Count == 0
                    ? "the template has no buttons"
                    : $"the template has {shape.Buttons.Count} button(s): index 0 to {shape.Buttons.Count - 1}");
                continue;
            }

            if (send.Buttons.Take(i).Any(b => b.Index == given.Index))
            {
                yield return ($"{field}.index", $"button {given.Index} is given twice");
                continue;
            }

            var button = shape.Buttons[given.Index];
            var takes = SubTypeOf(button);
            if (takes is null)
            {
                yield return (field, $"button {given.Index} ({button.Type}) takes no parameter");
                continue;
            }

            if (takes != given.SubType)
            {
                yield return ($"{field}.{FieldOf(given.SubType)}", $"button {given.Index} is {button.Type}: it takes {FieldOf(takes)}");
                continue;
            }

            foreach (var problem in ButtonValue(field, given))
            {
                yield return problem;
            }
        }

        // A parameter Meta cannot send without: a URL's suffix, a coupon code, a one-time password.
        for (var index = 0; index < shape.Buttons.Count; index++)
        {
            var button = shape.Buttons[index];
            var required = SubTypeOf(button) is "url" or "copy_code" or "otp";
            if (required && !send.Buttons.Any(b => b.Index == index))
            {
                yield return ("template.buttons", $"button {index} ({button.Type}) needs its {SubTypeOf(button)} parameter");
            }
        }

        var otp = send.Buttons.FirstOrDefault(b => b.SubType == "otp");
        if (otp?.Value is { } code && !send.BodyParameters.Contains(code, StringComparer.Ordinal))
        {
            yield return ("template.body_parameters", "an authentication template carries the one-time password in the body too");
        }
    }

    /// <summary>The parameter kind a button takes at send time; null for one that takes none (a phone number, a fixed URL).</summary>
    public static string? SubTypeOf(TemplateButton button)
    {
        ArgumentNullException.ThrowIfNull(button);
        return button.Type.ToUpperInvariant() switch
        {
            "QUICK_REPLY" => "quick_reply",
            "URL" when TemplatePlaceholders.In(button.Url).Count > 0 => "url",
            "COPY_CODE" => "copy_code",
            "OTP" => "otp",
            "FLOW" => "flow",
            _ => null,
        };
    }

    /// <summary>The request's field that carries a button parameter of that kind.</summary>
    private static string FieldOf(string subType) => subType switch
    {
        "quick_reply" => "quick_reply_payload",
        "url" => "url_suffix",
        "copy_code" => "coupon_code",
        _ => subType,
    };

    private static IEnumerable<(string, string)> ButtonValue(string field, TemplateButtonSend given) => given.SubType switch
    {
        "quick_reply" => Limit($"{field}.quick_reply_payload", given.Value, 256, required: false),
        "url" => Limit($"{field}.url_suffix", given.Value, UrlSuffixMax, required: true),
        "copy_code" => Limit($"{field}.coupon_code", given.Value, CouponCodeMax, required: true),
        "otp" => Limit($"{field}.otp", given.Value, OtpMax, required: true),
        _ => [],
    };

    private static IEnumerable<(string, string)> Limit(string field, string? value, int max, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                yield return (field, "is required");
            }
        }
        else if (value.Length > max)
        {
            yield return (field, $"must be at most {max} characters");
        }
    }

    private static IEnumerable<(string, string)> Text(string field, string value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield return (field, "must not be empty");
        }
        else if (value.Length > max)
        {
            yield return (field, $"must be at most {max} characters");
        }
        else if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\t', StringComparison.Ordinal) || FiveSpaces().IsMatch(value))
        {
            // Meta's 132018.
            yield return (field, "must not contain a new line, a tab or more than four spaces in a row");
        }
    }

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    [GeneratedRegex(" {5,}")]
    private static partial Regex FiveSpaces();
}
