using System.Globalization;
using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Templates;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// Button components <c>{type: button, sub_type, index, parameters}</c> against the template's BUTTONS. An index
/// the template lacks, a repeated index, a missing parameter a button needs (a URL ending in <c>{{1}}</c>, an OTP
/// code, a copy-code coupon) or a parameter a button does not take: 132000. A sub_type that is not the button's
/// type, or a parameter of the wrong kind: 132012. A coupon over 20 or an OTP over 15 characters: 132005.
/// </summary>
internal static class TemplateButtons
{
    public static (IReadOnlyList<SentButton> Buttons, GraphError? Error) Check(MessageTemplate template, IReadOnlyList<JsonElement> components)
    {
        var sent = new List<SentButton>();
        foreach (var component in components)
        {
            var subType = component.String("sub_type")?.ToLowerInvariant();
            if (subType is null || Index(component) is not { } index)
            {
                return ([], MetaErrors.InvalidParameter("a button component needs sub_type and index (0-based)"));
            }

            var where = $"button at index {index}";
            var button = template.Layout.Buttons.FirstOrDefault(b => b.Index == index);
            if (button is null)
            {
                return ([], MetaErrors.TemplateParameterCount($"{where}: the template has {template.Layout.Buttons.Count} buttons"));
            }

            if (sent.Any(s => s.Index == index))
            {
                return ([], MetaErrors.TemplateParameterCount($"{where} is given twice"));
            }

            if (SubTypeOf(button) != subType)
            {
                return ([], MetaErrors.TemplateParameterFormat($"{where} is a {button.Type} button: sub_type must be {SubTypeOf(button) ?? "absent (it takes no parameters)"}, got {subType}"));
            }

            var parameters = component.Array("parameters")?.EnumerateArray().ToList() ?? [];
            var expected = button.Type is "URL" && !button.TakesSuffix ? 0 : 1;
            if (parameters.Count != expected)
            {
                return ([], MetaErrors.TemplateParameterCount($"{where}: {parameters.Count} parameters, the {button.Type} button takes {expected}"));
            }

            var (resolved, error) = expected == 0 ? (new SentButton(index, subType, button.Type), null) : Parameter(button, subType, parameters[0], where);
            if (error is not null)
            {
                return ([], error);
            }

            sent.Add(resolved! with { Text = button.Text, Url = resolved!.Url ?? (button.Type == "URL" ? button.Url : null) });
        }

        // Buttons whose parameter is part of the message: a URL with a suffix, an OTP's code, a coupon.
        var missing = template.Layout.Buttons.FirstOrDefault(b => (b.TakesSuffix || b.Type == "COPY_CODE") && sent.All(s => s.Index != b.Index));
        return missing is null
            ? (sent, null)
            : ([], MetaErrors.TemplateParameterCount($"button at index {missing.Index} ({missing.Type}) needs a parameter"));
    }

    private static (SentButton? Button, GraphError? Error) Parameter(TemplateButton button, string subType, JsonElement parameter, string where)
    {
        var resolved = new SentButton(button.Index, subType, button.Type);
        switch (subType)
        {
            case "quick_reply":
                return parameter.String("type") == "payload" && parameter.String("payload") is { } payload
                    ? (resolved with { Payload = payload }, null)
                    : (null, MetaErrors.TemplateParameterFormat($"{where}: expected {{type: payload, payload}}"));
            case "url":
                var (text, _, error) = TemplateText.Read(parameter, where, "text");
                return error is not null ? (null, error)
                    : button.Type == "OTP" ? TextLength.Of(text!) > 15
                        ? (null, MetaErrors.TemplateTextTooLong($"{where}: a one-time password is at most 15 characters"))
                        : (resolved with { Otp = text }, null)
                    : (resolved with { UrlSuffix = text, Url = button.Url!.Replace("{{1}}", text, StringComparison.Ordinal) }, null);
            case "copy_code":
                return parameter.String("type") != "coupon_code" || parameter.String("coupon_code") is not { Length: > 0 } coupon
                    ? (null, MetaErrors.TemplateParameterFormat($"{where}: expected {{type: coupon_code, coupon_code}}"))
                    : TextLength.Of(coupon) > 20 ? (null, MetaErrors.TemplateTextTooLong($"{where}: a coupon code is at most 20 characters"))
                    : (resolved with { CouponCode = coupon }, null);
            default:
                // flow, catalog, mpm: an action object.
                return parameter.String("type") == "action" && parameter.Object("action") is { } action && ActionProblem(subType, action) is null
                    ? (resolved with { Action = action.Clone() }, null)
                    : (null, MetaErrors.TemplateParameterFormat($"{where}: expected {{type: action, action: {{...}}}}{ActionProblem(subType, parameter.Object("action")) ?? ""}"));
        }
    }

    private static string? ActionProblem(string subType, JsonElement? action) => (subType, action) switch
    {
        (_, null) => "",
        ("flow", { } a) when a.Has("flow_token") && a.String("flow_token") is null => ": flow_token must be a string",
        ("flow", { } a) when a.Has("flow_action_data") && a.Object("flow_action_data") is null => ": flow_action_data must be an object",
        ("catalog", { } a) when a.String("thumbnail_product_retailer_id") is null => ": thumbnail_product_retailer_id is required",
        ("mpm", { } a) when a.Array("sections") is null => ": sections is required",
        _ => null,
    };

    /// <summary>The send's sub_type for a button type; null for buttons that take no parameter (phone number, voice call).</summary>
    private static string? SubTypeOf(TemplateButton button) => button.Type switch
    {
        "QUICK_REPLY" => "quick_reply",
        "URL" or "OTP" => "url",
        "COPY_CODE" => "copy_code",
        "FLOW" => "flow",
        "CATALOG" => "catalog",
        "MPM" => "mpm",
        _ => null,
    };

    /// <summary>Meta's examples send the index as a string ("0"); a number is taken too.</summary>
    private static int? Index(JsonElement component) =>
        component.TryGetProperty("index", out var index) ? index.ValueKind switch
        {
            JsonValueKind.Number when index.TryGetInt32(out var n) && n >= 0 => n,
            JsonValueKind.String when int.TryParse(index.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        } : null;
}
