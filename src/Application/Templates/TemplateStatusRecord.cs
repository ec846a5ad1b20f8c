namespace PesanAI.Application.Templates;

/// <summary>A <c>message_template_status_update</c> for a template of the WhatsApp Business Account <see cref="WabaId"/>.</summary>
public sealed record TemplateStatusReport(string WabaId, string Event, string? TemplateId, string? Name, string? Language, string? Reason, string? Category);

/// <summary>A template's status change as Meta reported it, kept per tenant until templates consume it.</summary>
public sealed record TemplateStatusRecord(Guid Id, TemplateStatusReport Report)
{
    public DateTimeOffset ReceivedAt { get; init; }
}
