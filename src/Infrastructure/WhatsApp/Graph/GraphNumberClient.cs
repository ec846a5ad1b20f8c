using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PesanAI.Application.Common;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Tenants;

namespace PesanAI.Infrastructure.WhatsApp.Graph;

/// <summary>
/// <c>GET /{phone-number-id}?fields=...</c>: the number's quality, throughput level, the portfolio's messaging limit,
/// its name and connection status, and whether it is shared with the WhatsApp Business app (<c>is_on_biz_app</c>, the
/// coexistence numbers fixed at 20 mps). A read: safe to fail loudly.
/// </summary>
public sealed class GraphNumberClient(HttpClient http, GraphApiOptions options) : IWhatsAppNumbers
{
    public const string Fields = "id,display_phone_number,quality_rating,throughput,whatsapp_business_manager_messaging_limit,name_status,status,is_on_biz_app";

    public async Task<PhoneNumberSnapshot> GetAsync(SenderAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var request = new HttpRequestMessage(
            HttpMethod.Get, new Uri(options.BaseUrl, $"{options.Version}/{Uri.EscapeDataString(account.PhoneNumberId)}?fields={Fields}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        JsonNode? json;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            json = await GraphApiSender.ReadJsonAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new GraphApiException(GraphApiSender.ErrorOf(json, response.StatusCode));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new UnavailableException("Meta's Graph API could not be reached; retry.", ex);
        }

        return new PhoneNumberSnapshot(
            Text(json?["quality_rating"]),
            Text(json?["throughput"]?["level"] ?? json?["throughput"]),
            json?["is_on_biz_app"] is JsonValue onApp && onApp.TryGetValue<bool>(out var shared) ? shared : null,
            Text(json?["name_status"]),
            Text(json?["status"]),
            Limit(json?["whatsapp_business_manager_messaging_limit"]));
    }

    /// <summary>A string, or the tier inside an object (<c>{"current_limit": "TIER_2K"}</c>-like shapes are read too).</summary>
    private static string? Limit(JsonNode? node) => node switch
    {
        JsonObject obj => Text(obj["current_limit"] ?? obj["max_daily_conversations_per_business"] ?? obj["value"] ?? obj["tier"]),
        _ => Text(node),
    };

    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<string>(out var s) ? s : value.ToJsonString()
        : null;
}
