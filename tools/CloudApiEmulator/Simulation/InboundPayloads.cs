using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Simulation;

/// <summary>Meta's inbound webhooks: a customer's message (text.json, image.json, ...) and a marketing preference (user_preferences.json).</summary>
internal static class InboundPayloads
{
    /// <summary>Fields of the simulate request copied onto the message as given.</summary>
    private static readonly string[] Extras = ["context", "referral", "errors"];

    // typeObject: the type's object when the emulator filled it in (media); without it the request's is copied.
    public static byte[] Message(
        BusinessNumber number, JsonElement request, string from, string type, string wamid, DateTimeOffset at, JsonObject? typeObject = null)
    {
        var userId = request.String("user_id");
        // A customer whose phone is withheld (a username, user_id only): from and wa_id are omitted (Meta, Feb 2026).
        var message = new JsonObject();
        if (!string.IsNullOrEmpty(from) || userId is null)
        {
            message["from"] = from;
        }

        if (userId is not null)
        {
            message["from_user_id"] = userId;
        }

        message["id"] = wamid;
        message["timestamp"] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        message["type"] = type;
        // request_welcome has no body; every other type carries an object (contacts: an array) named like the type.
        if (typeObject is not null)
        {
            message[type] = typeObject;
        }

        foreach (var name in typeObject is null ? Extras.Prepend(type) : Extras)
        {
            if (request.TryGetProperty(name, out var field) && field.ValueKind != JsonValueKind.Null)
            {
                message[name] = JsonNode.Parse(field.GetRawText());
            }
        }

        var value = WebhookEnvelope.Value(number);
        if (type != "system")
        {
            // Meta sends no contacts for a system message (a customer changed number).
            value["contacts"] = new JsonArray(Contact(from, request.String("profile_name"), userId));
        }

        value["messages"] = new JsonArray(message);
        return WebhookEnvelope.Serialize(number.WabaId, "messages", value);
    }

    /// <summary>
    /// <c>user_changed_user_id</c> as Meta's changelog of Aug 11 2026 describes it: a <c>system</c> message from the old
    /// id (<c>from_user_id</c>; <c>from</c> only when the phone is shared) with the new <c>user_id</c> and the
    /// <c>previous_user_id</c>, and no contacts.
    /// </summary>
    public static byte[] UserIdChange(
        BusinessNumber number, string previousUserId, string userId, string? waId, string? profileName, string wamid, DateTimeOffset at)
    {
        var message = new JsonObject();
        if (!string.IsNullOrEmpty(waId))
        {
            message["from"] = waId;
        }

        message["from_user_id"] = previousUserId;
        message["id"] = wamid;
        message["timestamp"] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        message["type"] = "system";
        message["system"] = new JsonObject
        {
            ["body"] = $"User {profileName ?? "Emulated Customer"} changed from {previousUserId} to {userId}",
            ["type"] = "user_changed_user_id",
            ["user_id"] = userId,
            ["previous_user_id"] = previousUserId,
        };
        var value = WebhookEnvelope.Value(number);
        value["messages"] = new JsonArray(message);
        return WebhookEnvelope.Serialize(number.WabaId, "messages", value);
    }

    public static byte[] Preference(BusinessNumber number, string waId, string? profileName, string choice, DateTimeOffset at)
    {
        var value = WebhookEnvelope.Value(number);
        value["contacts"] = new JsonArray(Contact(waId, profileName, null));
        value["user_preferences"] = new JsonArray(new JsonObject
        {
            ["wa_id"] = waId,
            ["detail"] = choice == "stop" ? "User requested to stop marketing messages" : "User requested to resume marketing messages",
            ["category"] = "marketing_messages",
            ["value"] = choice,
            ["timestamp"] = at.ToUnixTimeSeconds(),
        });
        return WebhookEnvelope.Serialize(number.WabaId, "user_preferences", value);
    }

    private static JsonObject Contact(string waId, string? profileName, string? userId)
    {
        var contact = new JsonObject { ["profile"] = new JsonObject { ["name"] = profileName ?? "Emulated Customer" } };
        if (!string.IsNullOrEmpty(waId) || userId is null)
        {
            contact["wa_id"] = waId;
        }

        if (userId is not null)
        {
            contact["user_id"] = userId;
        }

        return contact;
    }
}
