using System.Text.Json.Nodes;
using PesanAI.Application.Templates;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Messaging;

namespace PesanAI.Infrastructure.WhatsApp.Graph;

/// <summary>Templates in Meta's JSON: components as created and listed (<c>message_templates</c>).</summary>
internal static class TemplateJson
{
    public static JsonNode ComponentNode(TemplateComponent component)
    {
        var node = new JsonObject { ["type"] = component.Type.ToUpperInvariant() };
        if (component.Format is { } format)
        {
            node["format"] = format.ToUpperInvariant();
        }

        if (component.Text is { } text)
        {
            node["text"] = text;
        }

        if (component.Buttons.Count > 0)
        {
            node["buttons"] = new JsonArray([.. component.Buttons.Select(b =>
            {
                var button = new JsonObject { ["type"] = b.Type.ToUpperInvariant() };
                Set(button, "text", b.Text);
                Set(button, "url", b.Url);
                Set(button, "phone_number", b.PhoneNumber);
                Set(button, "otp_type", b.OtpType);
                return (JsonNode)button;
            })]);
        }

        return node;
    }

    /// <summary>One entry of Meta's list; null when it lacks a name, a language or an id.</summary>
    public static RemoteTemplate? Remote(JsonObject node)
    {
        if (Text(node, "name") is not { } name || Text(node, "language") is not { } language || node["id"]?.ToString() is not { Length: > 0 } id)
        {
            return null;
        }

        var status = Text(node, "status");
        var components = (node["components"] as JsonArray ?? []).OfType<JsonObject>().Select(Component).ToList();
        var format = string.Equals(Text(node, "parameter_format"), "NAMED", StringComparison.OrdinalIgnoreCase)
            ? TemplateParameterFormat.Named
            : TemplateParameterFormat.Positional;
        var quality = TemplateStatusSync.QualityOf(Text(node["quality_score"] as JsonObject, "score")) ?? TemplateQuality.Unknown;
        return new RemoteTemplate(
            id, name, language, TemplateStatusSync.CategoryOf(Text(node, "category")), status is null ? null : TemplateStatusSync.StatusOf(status), status,
            format, components, quality);
    }

    private static TemplateComponent Component(JsonObject node) =>
        new(Text(node, "type")?.ToUpperInvariant() ?? string.Empty, Text(node, "format")?.ToUpperInvariant(), Text(node, "text"))
        {
            Buttons = [.. (node["buttons"] as JsonArray ?? []).OfType<JsonObject>().Select(b => new TemplateButton(
                Text(b, "type")?.ToUpperInvariant() ?? string.Empty, Text(b, "text"), Text(b, "url"), Text(b, "phone_number"), Text(b, "otp_type")?.ToUpperInvariant()))],
        };

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void Set(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
