using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Webhooks;

/// <summary>Meta's envelope: <c>object</c>, one entry (the WABA), one change with its field and value.</summary>
internal static class WebhookEnvelope
{
    /// <summary>The start of a <c>messages</c> or <c>user_preferences</c> value: product and routing metadata.</summary>
    public static JsonObject Value(BusinessNumber number) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = new JsonObject
        {
            ["display_phone_number"] = number.DisplayPhoneNumber,
            ["phone_number_id"] = number.PhoneNumberId,
        },
    };

    /// <summary>The body bytes to sign and post. Template updates carry the entry's <c>time</c>; message changes do not.</summary>
    public static byte[] Serialize(string wabaId, string field, JsonObject value, long? time = null)
    {
        var entry = new JsonObject { ["id"] = wabaId };
        if (time is { } seconds)
        {
            entry["time"] = seconds;
        }

        entry["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = field });
        var envelope = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(entry),
        };
        // The default encoder escapes non-ASCII as \uXXXX (surrogate pairs for emoji), as Meta's bodies do:
        // a receiver that re-serialises before checking the signature fails here as it would in production.
        return System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
