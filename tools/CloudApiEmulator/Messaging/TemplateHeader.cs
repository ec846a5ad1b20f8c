using System.Globalization;
using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Media;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Templates;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// The header parameters against the template's header: a TEXT header takes one text parameter per placeholder
/// (≤ 60 characters once filled, else 132005); a media header one <c>image|video|document {id|link}</c> of its
/// format; a LOCATION header one <c>location</c>. A wrong count is 132000, a wrong kind 132012, an unusable media id 131053.
/// </summary>
internal static class TemplateHeader
{
    public static (SentHeader? Header, MediaItem? Item, GraphError? Error) Check(
        MessageTemplate template, IReadOnlyList<JsonElement> parameters, MediaLibrary media, BusinessNumber number)
    {
        var layout = template.Layout;
        var expected = layout.HeaderFormat switch
        {
            null => 0,
            "TEXT" => layout.HeaderPlaceholders.Count,
            _ => 1,
        };
        if (parameters.Count != expected)
        {
            return (null, null, MetaErrors.TemplateParameters("header", parameters.Count, expected));
        }

        switch (layout.HeaderFormat)
        {
            case null:
                return (null, null, null);
            case "TEXT":
                return Text(layout, parameters);
            case "LOCATION":
                return Location(parameters[0]) is { } location
                    ? (new SentHeader("LOCATION") { Location = location }, null, null)
                    : (null, null, MetaErrors.TemplateParameterFormat("header: expected {type: location, location: {latitude, longitude, name?, address?}}"));
            default:
                return MediaHeader(layout.HeaderFormat, parameters[0], media, number);
        }
    }

    private static (SentHeader?, MediaItem?, GraphError?) Text(TemplateLayout layout, IReadOnlyList<JsonElement> parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var (text, _, error) = TemplateText.Read(parameters[i], $"header.parameters[{i}]", "text");
            if (error is not null)
            {
                return (null, null, error);
            }

            values[layout.HeaderPlaceholders[i]] = text!;
        }

        var filled = TemplateLayouts.Fill(layout.HeaderText ?? "", values);
        var length = TextLength.Of(filled);
        return length > 60
            ? (null, null, MetaErrors.TemplateTextTooLong($"header: {length} characters once filled in, at most 60"))
            : (new SentHeader("TEXT") { Text = filled }, null, null);
    }

    private static (SentHeader?, MediaItem?, GraphError?) MediaHeader(string format, JsonElement parameter, MediaLibrary media, BusinessNumber number)
    {
        var kind = format.ToLowerInvariant();
        var type = parameter.String("type")?.ToLowerInvariant();
        var content = parameter.Object(kind);
        var id = content?.String("id");
        var link = content?.String("link");
        var problem = type != kind || content is null ? $"header: the template's header is {format}: expected {{type: {kind}, {kind}: {{id | link}}}}, got {type ?? "none"}"
            : (id is null) == (link is null) ? $"header.{kind} needs exactly one of id or link"
            : link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") ? $"header.{kind}.link must be an http(s) URL"
            : null;
        if (problem is not null)
        {
            return (null, null, MetaErrors.TemplateParameterFormat(problem));
        }

        MediaItem? item = null;
        if (id is not null)
        {
            (item, var error) = SendMedia.CheckId(media, number, kind, id);
            if (error is not null)
            {
                return (null, null, error);
            }
        }

        return (new SentHeader(format) { MediaId = id, Link = link, Filename = content!.Value.String("filename") }, item, null);
    }

    /// <summary>The location object when it has a latitude and longitude (numbers, or numeric strings as in Meta's examples).</summary>
    private static JsonElement? Location(JsonElement parameter)
    {
        if (parameter.String("type")?.ToLowerInvariant() != "location" || parameter.Object("location") is not { } location)
        {
            return null;
        }

        return Coordinate(location, "latitude", 90) && Coordinate(location, "longitude", 180) ? location.Clone() : null;
    }

    private static bool Coordinate(JsonElement location, string name, double limit)
    {
        if (!location.TryGetProperty(name, out var value))
        {
            return false;
        }

        var number = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return Math.Abs(number) <= limit;
    }
}
