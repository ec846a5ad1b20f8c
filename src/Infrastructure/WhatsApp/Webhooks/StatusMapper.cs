using System.Text.Json;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// One element of <c>value.statuses[]</c>. A status string PesanAI does not know becomes
/// <see cref="DeliveryStatus.Unknown"/> (below every real state, so it never moves a message) with Meta's
/// string kept in <see cref="WebhookStatus.RawStatus"/>.
/// </summary>
internal static class StatusMapper
{
    public static WebhookStatus? Map(JsonElement element, string path, ParseProblems problems)
    {
        if (!JsonItems.TryRead(element, WebhookJsonContext.Default.StatusDto, out var status, out var reason))
        {
            problems.Add(path, reason);
            return null;
        }

        if (string.IsNullOrEmpty(status.Id) || status.Status is null)
        {
            problems.Add(path, "id or status is missing");
            return null;
        }

        if (!JsonItems.TryUnixTime(status.Timestamp, out var at))
        {
            problems.Add(path, "timestamp is missing or not unix seconds");
            return null;
        }

        // PricingInfo.Billable is not nullable: a pricing object without billable reads as not billable.
        var pricing = status.Pricing is { } p ? new PricingInfo(p.Billable ?? false, p.PricingModel, p.Category, p.Type) : null;
        var update = new StatusUpdate(status.Id, Parse(status.Status), at, status.RecipientId, Errors.Map(status.Errors, $"{path}.errors", problems), pricing, status.RecipientUserId)
        {
            CallbackData = status.BizOpaqueCallbackData,
        };
        return new WebhookStatus(update, status.Status);
    }

    public static DeliveryStatus Parse(string status) => status switch
    {
        "sent" => DeliveryStatus.Sent,
        "delivered" => DeliveryStatus.Delivered,
        "read" => DeliveryStatus.Read,
        "played" => DeliveryStatus.Played,
        "failed" => DeliveryStatus.Failed,
        _ => DeliveryStatus.Unknown,
    };
}
