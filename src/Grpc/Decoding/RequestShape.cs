using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Common;

namespace PesanAI.Host.Decoding;

/// <summary>
/// Values that decode but that no handler should ever see, checked in every request by walking its descriptor
/// (nested messages, repeated fields, maps, oneofs), so a new field is covered without anyone remembering it:
/// a NUL character (PostgreSQL refuses it in text and jsonb, and it is never meaningful in this API), a
/// Timestamp outside protobuf's range (it cannot become a DateTimeOffset), and an enum number the API does not
/// define (proto3 keeps unknown numbers as raw ints, which would otherwise pass as a filter or reach Meta).
/// </summary>
public static class RequestShape
{
    public const string NulDescription = "must not contain the NUL character (U+0000)";
    public const string TimestampDescription = "must be a valid timestamp";

    // protobuf's Timestamp range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;

    /// <summary>Every poison value of the message, each named by its field path (<c>labels[1]</c>, <c>business_profile.about</c>).</summary>
    public static IReadOnlyList<FieldViolation> Violations(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<FieldViolation>? violations = null;
        Walk(message, string.Empty, ref violations);
        return violations ?? [];
    }

    private static void Walk(IMessage message, string prefix, ref List<FieldViolation>? violations)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            // Numbers, booleans and bytes cannot hold a poison value: skip them without reading (no boxing).
            if (field.FieldType is not (FieldType.String or FieldType.Message or FieldType.Group or FieldType.Enum))
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                WalkMap(field, (IDictionary)value, prefix, ref violations);
            }
            else if (field.IsRepeated)
            {
                var index = 0;
                foreach (var item in (IList)value)
                {
                    Check(field, item, prefix, $"[{index++}]", ref violations);
                }
            }
            else
            {
                Check(field, value, prefix, string.Empty, ref violations);
            }
        }
    }

    private static void WalkMap(FieldDescriptor field, IDictionary map, string prefix, ref List<FieldViolation>? violations)
    {
        var valueField = field.MessageType.FindFieldByNumber(2);
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Key is string key && HasNul(key))
            {
                Add(ref violations, prefix + field.Name, "keys " + NulDescription);
                continue;
            }

            Check(valueField, entry.Value, prefix, $"{field.Name}[{entry.Key}]", ref violations, nameIsPath: true);
        }
    }

    /// <summary>One value of a field; the path (prefix + name + suffix) is only built when it is needed.</summary>
    private static void Check(FieldDescriptor field, object? value, string prefix, string suffix, ref List<FieldViolation>? violations, bool nameIsPath = false)
    {
        string Path() => nameIsPath ? prefix + suffix : prefix + field.Name + suffix;
        switch (value)
        {
            case string text when HasNul(text):
                Add(ref violations, Path(), NulDescription);
                break;
            case Timestamp time:
                if (time.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds || time.Nanos is < 0 or > 999_999_999)
                {
                    Add(ref violations, Path(), TimestampDescription);
                }

                break;
            case IMessage nested:
                Walk(nested, Path() + ".", ref violations);
                break;
            case System.Enum when field.FieldType == FieldType.Enum:
                var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                if (field.EnumType.FindValueByNumber(number) is null)
                {
                    Add(ref violations, Path(), $"has no value {number}");
                }

                break;
        }
    }

    private static bool HasNul(string text) => text.AsSpan().Contains('\0');

    private static void Add(ref List<FieldViolation>? violations, string path, string description) =>
        (violations ??= []).Add(new FieldViolation(path, description));
}
