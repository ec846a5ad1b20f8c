using System.Text.Json;
using System.Text.Json.Serialization;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// Webhook text in a form PostgreSQL stores: U+0000, which neither <c>jsonb</c> (as <c>\u0000</c>) nor <c>text</c>
/// accepts, becomes U+FFFD (the replacement character); every other character stays exactly as Meta sent it.
/// <para>
/// Why replace rather than escape: a reversible escape needs an escape character, and escaping that one too would
/// change text that has no NUL in it, which must stay byte-exact. A NUL carries nothing a reader could see, and the
/// raw body (kept for the retention period) still holds the original <c>\u0000</c>.
/// </para>
/// </summary>
internal static class StorableText
{
    public const char NulReplacement = '\uFFFD';

    public static string Of(string value) =>
        value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', NulReplacement) : value;
}

/// <summary>Every string the payload's DTOs read goes through <see cref="StorableText"/>.</summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? StorableText.Of(reader.GetString()!)
            : throw new JsonException($"Expected a string, found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
