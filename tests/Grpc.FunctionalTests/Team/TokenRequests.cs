using System.Net;
using System.Text.Json;

namespace PesanAI.FunctionalTests.Team;

/// <summary>Raw calls to the token endpoint, to see exactly what it answers.</summary>
internal static class TokenRequests
{
    public static async Task<(HttpStatusCode Status, string? Token, string? Error)> Request(PesanAiApp app, string clientId, string secret, string? scope = null)
    {
        using var http = app.Http();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var content = new FormUrlEncodedContent(form);
        var response = await http.PostAsync("/connect/token", content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (
            response.StatusCode,
            body.RootElement.TryGetProperty("access_token", out var token) ? token.GetString() : null,
            body.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null);
    }
}
