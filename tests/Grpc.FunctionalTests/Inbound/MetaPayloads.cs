using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>Webhook bodies in the shapes Meta documents, written with a real JSON writer.</summary>
internal static class MetaPayloads
{
    public static string Text(string phoneNumberId, string waId, string wamid, string body, DateTimeOffset at, string? userId = null) =>
        Envelope(phoneNumberId, w =>
        {
            Contacts(w, waId, userId);
            w.WriteStartArray("messages");
            w.WriteStartObject();
            w.WriteString("from", waId);
            if (userId is not null)
            {
                w.WriteString("from_user_id", userId);
            }

            w.WriteString("id", wamid);
            w.WriteString("timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("type", "text");
            w.WriteStartObject("text");
            w.WriteString("body", body);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        });

    /// <summary>Several text messages from different customers in one POST (one change).</summary>
    public static string Texts(string phoneNumberId, IReadOnlyList<(string WaId, string Wamid, string Body)> messages, DateTimeOffset at) =>
        Envelope(phoneNumberId, w =>
        {
            w.WriteStartArray("contacts");
            foreach (var waId in messages.Select(m => m.WaId).Distinct())
            {
                w.WriteStartObject();
                w.WriteStartObject("profile");
                w.WriteString("name", "Pelanggan");
                w.WriteEndObject();
                w.WriteString("wa_id", waId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("messages");
            foreach (var (waId, wamid, body) in messages)
            {
                w.WriteStartObject();
                w.WriteString("from", waId);
                w.WriteString("id", wamid);
                w.WriteString("timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("type", "text");
                w.WriteStartObject("text");
                w.WriteString("body", body);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    public static string Status(string phoneNumberId, string wamid, string status, string recipient, DateTimeOffset at, string? recipientUserId = null) =>
        Envelope(phoneNumberId, w =>
        {
            w.WriteStartArray("statuses");
            w.WriteStartObject();
            w.WriteString("id", wamid);
            w.WriteString("status", status);
            w.WriteString("timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("recipient_id", recipient);
            if (recipientUserId is not null)
            {
                w.WriteString("recipient_user_id", recipientUserId);
            }

            w.WriteEndObject();
            w.WriteEndArray();
        });

    private static void Contacts(Utf8JsonWriter w, string waId, string? userId)
    {
        w.WriteStartArray("contacts");
        w.WriteStartObject();
        w.WriteStartObject("profile");
        w.WriteString("name", "Budi");
        w.WriteEndObject();
        w.WriteString("wa_id", waId);
        if (userId is not null)
        {
            w.WriteString("user_id", userId);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static string Envelope(string phoneNumberId, Action<Utf8JsonWriter> value)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("object", "whatsapp_business_account");
            w.WriteStartArray("entry");
            w.WriteStartObject();
            w.WriteString("id", "102290129340398");
            w.WriteStartArray("changes");
            w.WriteStartObject();
            w.WriteString("field", "messages");
            w.WriteStartObject("value");
            w.WriteString("messaging_product", "whatsapp");
            w.WriteStartObject("metadata");
            w.WriteString("display_phone_number", "15550783881");
            w.WriteString("phone_number_id", phoneNumberId);
            w.WriteEndObject();
            value(w);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
