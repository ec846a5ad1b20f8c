using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using PesanAI.Application.Common;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Infrastructure.WhatsApp.Graph;

/// <summary>
/// Meta's Graph API over one HttpClient without a retry handler: Meta has no idempotency key, so this class never
/// repeats a POST. It says what the answer proves: accepted, refused, provably not received, or in doubt.
/// </summary>
public sealed class GraphApiSender(HttpClient http, GraphApiOptions options) : IWhatsAppSender
{
    public async Task<SendOutcome> SendAsync(SenderAccount account, MessageQueued message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(message);
        using var request = Post(account, $"{account.PhoneNumberId}/messages", SendPayload.Of(message));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError || ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new SendOutcome.NotReached(new MessageError(0, "CONNECTION_REFUSED", "Meta could not be reached."), TimeSpan.FromSeconds(2));
        }
        catch (HttpRequestException ex)
        {
            return new SendOutcome.InDoubt($"the connection failed after the request may have been sent ({ex.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome.InDoubt($"no answer within {options.Timeout.TotalSeconds:0.#} s");
        }

        using (response)
        {
            var json = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return json?["messages"]?[0]?["id"]?.GetValue<string>() is { Length: > 0 } wamid
                    ? new SendOutcome.Accepted(wamid)
                    : new SendOutcome.InDoubt($"HTTP {(int)response.StatusCode} without a message id");
            }

            var error = ErrorOf(json, response.StatusCode);
            return error.Code switch
            {
                MetaErrorCodes.ThroughputLimit or MetaErrorCodes.AppCallLimit or MetaErrorCodes.WabaCallLimit =>
                    new SendOutcome.NotReached(error, TimeSpan.FromSeconds(1)),
                MetaErrorCodes.PairRateLimit => new SendOutcome.NotReached(error, TimeSpan.FromSeconds(6)),
                _ when response.StatusCode == HttpStatusCode.TooManyRequests => new SendOutcome.NotReached(error, TimeSpan.FromSeconds(1)),
                _ when (int)response.StatusCode >= 500 => new SendOutcome.InDoubt($"HTTP {(int)response.StatusCode} from Meta"),
                _ => new SendOutcome.Refused(error),
            };
        }
    }

    public async Task MarkReadAsync(SenderAccount account, string wamid, bool showTyping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = wamid };
        if (showTyping)
        {
            body["typing_indicator"] = new JsonObject { ["type"] = "text" };
        }

        await CallAsync(Post(account, $"{account.PhoneNumberId}/messages", body), cancellationToken);
    }

    public async Task<TemplateSubmission> SubmitTemplateAsync(SenderAccount account, TemplateDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(draft);
        var body = new JsonObject
        {
            ["name"] = draft.Name,
            ["language"] = draft.Language,
            ["category"] = draft.Category.ToString().ToUpperInvariant(),
            ["components"] = new JsonArray([.. draft.Components.Select(TemplateJson.ComponentNode)]),
        };
        if (draft.ParameterFormat == TemplateParameterFormat.Named)
        {
            body["parameter_format"] = "NAMED";
        }

        var json = await CallAsync(Post(account, $"{account.WabaId}/message_templates", body), cancellationToken);
        var status = json?["status"]?.GetValue<string>() is { } s && Enum.TryParse<TemplateStatus>(s, ignoreCase: true, out var parsed) ? parsed : TemplateStatus.Pending;
        return new TemplateSubmission(json?["id"]?.ToString() ?? string.Empty, status);
    }

    public async Task<TemplatePage> ListTemplatesAsync(SenderAccount account, TemplateQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<string>
        {
            "fields=" + Uri.EscapeDataString("id,name,language,status,category,parameter_format,components,quality_score"),
            "limit=100",
        };
        if (query.Name is { } name)
        {
            parameters.Add("name=" + Uri.EscapeDataString(name));
        }

        if (query.Language is { } language)
        {
            parameters.Add("language=" + Uri.EscapeDataString(language));
        }

        if (query.After is { } after)
        {
            parameters.Add("after=" + Uri.EscapeDataString(after));
        }

        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseUrl, $"{options.Version}/{account.WabaId}/message_templates?{string.Join('&', parameters)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        var json = await CallAsync(request, cancellationToken);
        var templates = (json?["data"] as JsonArray ?? []).OfType<JsonObject>().Select(TemplateJson.Remote).OfType<RemoteTemplate>().ToList();

        // Meta names a next page only when there is one; its cursor alone is not enough (the last page has one too).
        var next = json?["paging"]?["next"] is not null ? json?["paging"]?["cursors"]?["after"]?.GetValue<string>() : null;
        return new TemplatePage(templates, next);
    }

    private HttpRequestMessage Post(SenderAccount account, string path, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, $"{options.Version}/{path}"))
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        return request;
    }

    /// <summary>A call that is safe to fail loudly (not a send): Meta's errors as <see cref="GraphApiException"/>, no answer as unavailable.</summary>
    private async Task<JsonNode?> CallAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var json = await ReadJsonAsync(response, cancellationToken);
                return response.IsSuccessStatusCode ? json : throw new GraphApiException(ErrorOf(json, response.StatusCode));
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new UnavailableException("Meta's Graph API could not be reached; retry.", ex);
            }
        }
    }

    internal static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static MessageError ErrorOf(JsonNode? json, HttpStatusCode status)
    {
        var error = json?["error"];
        var code = error?["code"]?.GetValue<int>() ?? 0;
        var title = error?["message"]?.GetValue<string>() ?? $"HTTP {(int)status}";
        var details = error?["error_data"]?["details"]?.GetValue<string>();
        return new MessageError(code, title, Details: details);
    }
}
