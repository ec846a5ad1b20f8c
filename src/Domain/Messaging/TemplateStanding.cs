namespace PesanAI.Domain.Messaging;

/// <summary>What the send rules need to know of a template in one language (null when the number has none such).</summary>
public sealed record TemplateStanding(string Name, string Language, TemplateCategory Category, TemplateStatus Status, TemplateShape Shape);

/// <summary>
/// What a send of a template must fill in: the header's format (TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION or null
/// for none) and its placeholders, the body's placeholders (<c>1</c>, <c>2</c>, … or names) and the buttons in order.
/// </summary>
public sealed record TemplateShape(
    TemplateParameterFormat ParameterFormat,
    string? HeaderFormat,
    IReadOnlyList<string> HeaderPlaceholders,
    IReadOnlyList<string> BodyPlaceholders,
    IReadOnlyList<TemplateButton> Buttons)
{
    public static TemplateShape Of(TemplateParameterFormat format, IReadOnlyList<TemplateComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var header = components.FirstOrDefault(c => Is(c, "HEADER"));
        var body = components.FirstOrDefault(c => Is(c, "BODY"));
        var buttons = components.Where(c => Is(c, "BUTTONS")).SelectMany(c => c.Buttons).ToList();
        return new TemplateShape(
            format,
            header is null ? null : (header.Format ?? "TEXT").ToUpperInvariant(),
            TemplatePlaceholders.In(header?.Text),
            TemplatePlaceholders.In(body?.Text),
            buttons);
    }

    private static bool Is(TemplateComponent component, string type) => string.Equals(component.Type, type, StringComparison.OrdinalIgnoreCase);
}
