using System.Globalization;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>Meta's status webhook for one accepted send (see the status_*.json fixtures).</summary>
internal static class StatusPayloads
{
    /// <summary>The pricing category is the lowercase template category, or null for a free service message.</summary>
    public static byte[] Build(BusinessNumber number, AcceptedSend send, string status, DateTimeOffset now, string? pricingCategory, GraphError? error = null)
    {
        var entry = new JsonObject
        {
            ["id"] = send.Wamid,
            ["status"] = status,
            ["timestamp"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };

        // A customer whose phone is withheld is named by user id only: recipient_id is omitted (Meta, Feb 2026).
        entry[send.ToUserId ? "recipient_user_id" : "recipient_id"] = send.To;
        if (!string.IsNullOrEmpty(send.BizOpaqueCallbackData))
        {
            entry["biz_opaque_callback_data"] = send.BizOpaqueCallbackData;
        }

        if (status is "sent" or "delivered")
        {
            entry["pricing"] = pricingCategory is null
                ? new JsonObject { ["billable"] = false, ["pricing_model"] = "PMP", ["category"] = "service", ["type"] = "free_customer_service" }
                : new JsonObject { ["billable"] = true, ["pricing_model"] = "PMP", ["category"] = pricingCategory, ["type"] = "regular" };
        }

        if (error is not null)
        {
            entry["errors"] = new JsonArray(error.ToStatusError());
        }

        var value = WebhookEnvelope.Value(number);
        value["statuses"] = new JsonArray(entry);
        return WebhookEnvelope.Serialize(number.WabaId, "messages", value);
    }
}
