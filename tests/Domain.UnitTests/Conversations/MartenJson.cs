using System.Text.Json;
using System.Text.Json.Serialization;

namespace PesanAI.Domain.UnitTests.Conversations;

/// <summary>
/// System.Text.Json as MartenSetup configures Marten (<c>UseSystemTextJsonForSerialization(EnumStorage.AsString,
/// Casing.CamelCase)</c>): camelCase property names, enums as strings, dictionary keys left as they are.
/// </summary>
internal static class MartenJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T RoundTrip<T>(T value)
        where T : notnull =>
        (T)JsonSerializer.Deserialize(Serialize(value), value.GetType(), Options)!;
}
