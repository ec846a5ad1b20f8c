using PesanAI.Application.Inbound;
using PesanAI.Application.Templates;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Host.Webhooks;

/// <summary>The parsed payload as the ingest use case takes it: per phone number, its messages and statuses.</summary>
public static class WebhookMapping
{
    public static IReadOnlyList<TemplateStatusReport> ToTemplateStatuses(this ParsedWebhook parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return
        [
            .. parsed.Changes
                .Where(c => c.TemplateStatus is not null && c.WabaId is not null)
                .Select(c => new TemplateStatusReport(
                    c.WabaId!, c.TemplateStatus!.Event, c.TemplateStatus.TemplateId, c.TemplateStatus.Name, c.TemplateStatus.Language, c.TemplateStatus.Reason, c.TemplateStatus.Category)),
        ];
    }

    public static IReadOnlyList<InboundChange> ToInboundChanges(this ParsedWebhook parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return
        [
            .. parsed.Changes
                .Where(c => c.PhoneNumberId is not null && (c.Messages.Count > 0 || c.Statuses.Count > 0 || c.UserPreferences.Count > 0))
                .Select(c => new InboundChange(
                    c.PhoneNumberId!,
                    [.. c.Messages.Select(m => m.Message)],
                    [.. c.Statuses.Select(s => s.Update with { RecipientUserId = s.RecipientUserId })])
                {
                    Preferences = [.. c.UserPreferences.Select(p => new CustomerPreference(p.Customer, p.Category, p.Value, p.Detail, p.At))],
                }),
        ];
    }
}
