using System.Text.RegularExpressions;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Templates;

/// <summary>
/// A message template of one of the tenant's numbers, in one language, as submitted to Meta and kept in step with
/// Meta's <c>message_template_status_update</c> webhooks (per tenant).
/// </summary>
public sealed partial record MessageTemplate(
    string Id,
    string PhoneNumberId,
    string WabaId,
    string Name,
    string Language,
    TemplateCategory Category,
    IReadOnlyList<TemplateComponent> Components,
    TemplateStatus Status,
    string? MetaTemplateId,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public int HeaderParameters => Count("HEADER");

    public int BodyParameters => Count("BODY");

    public static string KeyOf(string phoneNumberId, string name, string language) => $"{phoneNumberId}/{name}/{language}";

    public TemplateStanding Standing => new(Name, Language, Category, Status, HeaderParameters, BodyParameters);

    /// <summary>Meta's placeholders are {{1}}, {{2}}, …: the count of distinct ones is the parameter count.</summary>
    public static int ParametersIn(string? text) =>
        text is null ? 0 : Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Count();

    private int Count(string type) =>
        Components.Where(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase)).Sum(c => ParametersIn(c.Text));

    [GeneratedRegex(@"\{\{\s*(\d+)\s*\}\}")]
    private static partial Regex Placeholder();
}
