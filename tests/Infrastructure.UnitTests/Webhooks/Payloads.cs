using System.Globalization;
using System.Text;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>Hand-built webhook bodies for the cases Meta's examples do not show.</summary>
internal static class Payloads
{
    public const string Contact = """{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}""";

    public static byte[] Messages(string messagesJson, string contactsJson = Contact) => Value($$"""
        {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
         "contacts":[{{contactsJson}}],"messages":[{{messagesJson}}]}
        """);

    public static byte[] Value(string valueJson, string field = "messages") => Envelope($$"""
        [{"id":"102290129340398","changes":[{"field":"{{field}}","value":{{valueJson}}}]}]
        """);

    public static byte[] Envelope(string entriesJson) =>
        Encoding.UTF8.GetBytes($$"""{"object":"whatsapp_business_account","entry":{{entriesJson}}}""");

    public static string Text(string id, string bodyJson, string timestampJson = "\"1739321024\"") =>
        $$$"""{"from":"16505551234","id":"{{{id}}}","timestamp":{{{timestampJson}}},"type":"text","text":{"body":{{{bodyJson}}}}}""";

    /// <summary>A JSON string with only what JSON requires escaped; everything else as raw UTF-8.</summary>
    public static string RawJsonString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A JSON string with every UTF-16 unit escaped, surrogate pairs as two escapes.</summary>
    public static string EscapedJsonString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return builder.Append('"').ToString();
    }
}
