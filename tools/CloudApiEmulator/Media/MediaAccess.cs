using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Media;

/// <summary>
/// Who may read a media id. A media id is not bound to one number's URL path, so the bearer must be the token of
/// some number of the WABA that holds the media (Meta: a token with access to the WABA); a token of another WABA
/// learns only that the id does not exist.
/// </summary>
internal static class MediaAccess
{
    /// <summary>The item, or Meta's error: 190 without a known token, 100/33 for an id this token cannot see.</summary>
    public static (MediaItem? Item, GraphError? Error) Resolve(
        HttpRequest request, string mediaId, string verb, NumberRegistry numbers, MediaLibrary library)
    {
        var wabas = TokenWabas(request, numbers);
        if (wabas.Count == 0)
        {
            return (null, MetaErrors.InvalidToken());
        }

        if (library.Find(mediaId) is not { } item || !wabas.Contains(item.WabaId))
        {
            return (null, MetaErrors.UnknownMedia(mediaId, verb));
        }

        // Meta's optional phone_number_id makes the call fail unless the media belongs to that number.
        if (request.Query.TryGetValue("phone_number_id", out var owner) && owner.ToString() != item.PhoneNumberId)
        {
            return (null, MetaErrors.InvalidParameter($"Media {mediaId} does not belong to phone_number_id {owner}"));
        }

        return (item, null);
    }

    /// <summary>The WABAs whose numbers have the request's bearer token (usually one).</summary>
    public static HashSet<string> TokenWabas(HttpRequest request, NumberRegistry numbers)
    {
        var token = GraphRequest.Token(request);
        return token is null ? [] : [.. numbers.All.Where(n => NumberRegistry.TokenMatches(n, token)).Select(n => n.WabaId)];
    }
}
