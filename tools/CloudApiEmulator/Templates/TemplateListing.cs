using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>
/// <c>GET /{waba-id}/message_templates</c>: filters, <c>fields=</c>, <c>limit=</c> (default 25) and cursor paging.
/// A cursor is the opaque position of an item; <c>paging.next</c> (with <c>after=</c>) only when more items exist.
/// </summary>
internal static class TemplateListing
{
    private const int DefaultLimit = 25;
    private const int MaxLimit = 1000;

    public static IResult List(string wabaId, HttpRequest request, TemplateCatalog catalog)
    {
        var query = request.Query;
        if (!int.TryParse(query["limit"].FirstOrDefault() ?? DefaultLimit.ToString(CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            || limit is < 1 or > MaxLimit)
        {
            return MetaErrors.InvalidParameter($"limit must be a number from 1 to {MaxLimit}").ToResult();
        }

        var cursor = query["after"].FirstOrDefault();
        var after = string.IsNullOrEmpty(cursor) ? 0 : Decode(cursor);
        if (after is null)
        {
            return MetaErrors.InvalidParameter("after is not a cursor this listing gave").ToResult();
        }

        var fields = query["fields"].FirstOrDefault() is { Length: > 0 } list
            ? new HashSet<string>(list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal)
            : null;
        var matching = catalog.InWaba(wabaId).Where(t => Matches(t, query)).ToList();
        var page = matching.Where(t => t.Sequence > after).Take(limit).ToList();
        var answer = new JsonObject { ["data"] = new JsonArray([.. page.Select(t => (JsonNode)t.ToListItem(fields))]) };
        if (page.Count > 0)
        {
            var paging = new JsonObject
            {
                ["cursors"] = new JsonObject { ["before"] = Encode(page[0].Sequence), ["after"] = Encode(page[^1].Sequence) },
            };
            if (matching.Any(t => t.Sequence > page[^1].Sequence))
            {
                paging["next"] = Next(request, Encode(page[^1].Sequence), limit);
            }

            answer["paging"] = paging;
        }

        return EmulatorJson.Result(answer);
    }

    /// <summary>Meta's SDK filters: exact for status, category, language, quality_score (comma lists allowed); substring for name and content.</summary>
    private static bool Matches(MessageTemplate template, IQueryCollection query)
    {
        static bool OneOf(string? wanted, string value) =>
            wanted is not { Length: > 0 } || wanted.Split(',', StringSplitOptions.TrimEntries).Contains(value, StringComparer.OrdinalIgnoreCase);
        static bool Contains(string? wanted, string value) =>
            wanted is not { Length: > 0 } || value.Contains(wanted, StringComparison.OrdinalIgnoreCase);

        var content = template.Layout.BodyText;
        return OneOf(query["status"], template.Status)
            && OneOf(query["category"], template.Category)
            && OneOf(query["language"], template.Language)
            && OneOf(query["quality_score"], template.QualityScore)
            && Contains(query["name"], template.Name)
            && Contains(query["content"], content)
            && (query["name_or_content"].FirstOrDefault() is not { Length: > 0 } either
                || template.Name.Contains(either, StringComparison.OrdinalIgnoreCase) || content.Contains(either, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The same request with <c>after=</c> set, as an absolute URL (Meta's <c>paging.next</c>).</summary>
    private static string Next(HttpRequest request, string after, int limit)
    {
        var parameters = request.Query
            .Where(p => p.Key is not ("after" or "before" or "limit"))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
            .Append(KeyValuePair.Create("limit", (string?)limit.ToString(CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("after", (string?)after));
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(url, parameters);
    }

    // Base64url: a cursor needs no escaping in a query string, even when a client pastes it in unencoded.
    private static string Encode(long sequence) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes("tpl:" + sequence.ToString(CultureInfo.InvariantCulture)));

    private static long? Decode(string cursor)
    {
        if (!Base64Url.IsValid(cursor))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith("tpl:", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
    }
}
