using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PesanAI.Bench;

/// <summary>A "messages" webhook body in the shape Meta documents: one entry, one change, contacts then messages.</summary>
internal static class MetaWebhook
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Messages(string phoneNumberId, IReadOnlyList<MessageRow> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (messages.Count * 320));
        using (var w = new Utf8JsonWriter(buffer, Options))
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
            w.WriteString("display_phone_number", "6281234567890");
            w.WriteString("phone_number_id", phoneNumberId);
            w.WriteEndObject();
            Contacts(w, messages);
            w.WriteStartArray("messages");
            foreach (var message in messages)
            {
                w.WriteStartObject();
                w.WriteString("from", message.WaId);
                w.WriteString("id", message.Wamid);
                w.WriteString("timestamp", message.SentAtUnix.ToString(CultureInfo.InvariantCulture));
                w.WriteString("type", "text");
                w.WriteStartObject("text");
                w.WriteString("body", message.Text);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Contacts(Utf8JsonWriter w, IReadOnlyList<MessageRow> messages)
    {
        w.WriteStartArray("contacts");
        foreach (var message in messages.DistinctBy(m => m.WaId, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteStartObject("profile");
            w.WriteString("name", message.ProfileName);
            w.WriteEndObject();
            w.WriteString("wa_id", message.WaId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
