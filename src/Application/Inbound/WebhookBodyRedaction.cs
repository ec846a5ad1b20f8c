using System.Text;
using System.Text.Json.Nodes;

namespace PesanAI.Application.Inbound;

/// <summary>
/// Takes an erased customer out of a raw webhook body as Meta sent it: every element of every list in a change's
/// <c>value</c> (contacts, messages, statuses, user preferences, …) that mentions one of the customer's identities or
/// message ids anywhere inside is dropped; the rest of the body (other customers of the same delivery) stays. A body
/// that still mentions one afterwards (somewhere no list holds it), or that is not JSON, is replaced whole.
/// </summary>
public static class WebhookBodyRedaction
{
    /// <summary>What replaces a body that cannot be redacted element by element.</summary>
    public static ReadOnlyMemory<byte> Emptied { get; } = """{"object":"whatsapp_business_account","entry":[],"redacted":true}"""u8.ToArray();

    /// <summary>The body without the values; null when none of them is in it.</summary>
    public static byte[]? Redact(ReadOnlySpan<byte> body, IReadOnlyCollection<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = Encoding.UTF8.GetString(body);
        if (!values.Any(v => Mentions(text, v)))
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return Emptied.ToArray();
        }

        foreach (var value in (root?["entry"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(e => (e["changes"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(c => c["value"]).OfType<JsonObject>())
        {
            foreach (var list in value.Select(p => p.Value).OfType<JsonArray>())
            {
                foreach (var element in list.Where(e => e is not null && values.Any(v => Mentions(e.ToJsonString(), v))).ToList())
                {
                    list.Remove(element);
                }
            }
        }

        var redacted = root!.ToJsonString();
        return values.Any(v => Mentions(redacted, v)) ? Emptied.ToArray() : Encoding.UTF8.GetBytes(redacted);
    }

    private static bool Mentions(string text, string value) => value.Length > 0 && text.Contains(value, StringComparison.Ordinal);
}
