using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Graph;

/// <summary>What every Graph call needs from the request: its bearer token and a JSON body.</summary>
internal static class GraphRequest
{
    /// <summary>The <c>Authorization: Bearer</c> token, or the <c>access_token</c> query parameter Meta also accepts.</summary>
    public static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }

    /// <summary>The body as a JSON object, or null when it is not one (Meta answers that with code 100).</summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
