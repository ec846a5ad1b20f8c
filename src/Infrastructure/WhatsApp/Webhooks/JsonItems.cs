using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>Reads one item of the payload without letting a broken item escape as an exception.</summary>
internal static class JsonItems
{
    /// <summary>
    /// Deserializes <paramref name="element"/> (an object, or an array where <paramref name="kind"/> says so);
    /// on failure says why: a kind or a JSON path, never a value.
    /// </summary>
    public static bool TryRead<T>(
        JsonElement element,
        JsonTypeInfo<T> typeInfo,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out string? reason,
        JsonValueKind kind = JsonValueKind.Object)
        where T : class
    {
        value = null;
        if (element.ValueKind != kind)
        {
            reason = $"expected {Describe(kind)}, found {Describe(element.ValueKind)}";
            return false;
        }

        try
        {
            value = element.Deserialize(typeInfo);
        }
        catch (JsonException ex)
        {
            reason = $"unreadable at {ex.Path ?? "$"}";
            return false;
        }

        reason = value is null ? "is null" : null;
        return value is not null;
    }

    /// <summary>
    /// The string property <paramref name="name"/> of an object, read from the document's index (no rescan
    /// of its siblings), storable (<see cref="StorableText"/>). Absent or null is a null value; any other kind, or
    /// text that is not valid UTF-16 (an escaped lone surrogate), fails.
    /// </summary>
    public static bool TryGetString(JsonElement obj, string name, out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        reason = null;
        if (!obj.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            reason = $"{name}: expected a string, found {Describe(property.ValueKind)}";
            return false;
        }

        try
        {
            value = StorableText.Of(property.GetString()!);
            return true;
        }
        catch (InvalidOperationException)
        {
            reason = $"{name}: not valid UTF-16";
            return false;
        }
    }

    /// <summary>
    /// The elements of the array property <paramref name="name"/>; absent or null is an empty list, any
    /// other kind is a problem.
    /// </summary>
    public static IEnumerable<JsonElement> Array(JsonElement obj, string name, string path, ParseProblems problems)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (property.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}.{name}", $"expected an array, found {Describe(property.ValueKind)}");
            return [];
        }

        return property.EnumerateArray();
    }

    public static bool TryUnixTime(string? seconds, out DateTimeOffset at)
    {
        // Whole seconds only, within DateTimeOffset's range: FromUnixTimeSeconds throws outside it.
        if (long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            at = DateTimeOffset.FromUnixTimeSeconds(value);
            return true;
        }

        at = default;
        return false;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
