using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// Reads a JSON string or number as text: Meta sends timestamps as strings in messages and as numbers in
/// user_preferences, and template ids and prices as numbers. A number keeps its exact digits (no double
/// round trip), so huge values fail later, where they are parsed with a range.
/// </summary>
internal sealed class StringOrNumberConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => StorableText.Of(reader.GetString()!),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        _ => throw new JsonException($"Expected a string or a number, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
