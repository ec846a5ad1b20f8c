using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PesanAI.Application.Common;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Infrastructure.Ai;
using PesanAI.Infrastructure.Media;

namespace PesanAI.Infrastructure.WhatsApp.Graph;

/// <summary>
/// Meta's media API over its own HttpClient (no overall timeout: a 100 MB download is bounded by
/// <see cref="MediaFetchOptions.DownloadTimeout"/> instead, a metadata call by the Graph API's timeout). Bytes stream
/// through; nothing here buffers a file.
/// </summary>
public sealed class GraphMediaClient(IHttpClientFactory factory, GraphApiOptions graph, MediaFetchOptions options) : IWhatsAppMedia
{
    public const string HttpClientName = "whatsapp-media";

    public async Task<MetaMediaInfo> GetInfoAsync(SenderAccount account, string metaMediaId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var uri = new Uri(graph.BaseUrl, $"{graph.Version}/{Uri.EscapeDataString(metaMediaId)}?phone_number_id={Uri.EscapeDataString(account.PhoneNumberId)}");
        using var request = Request(HttpMethod.Get, uri, account);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(graph.Timeout);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token, cancellationToken);
        var json = await ReadJsonAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response.StatusCode, json, gone: true);
        }

        if (json?["url"]?.GetValue<string>() is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var download) || download.Scheme is not ("http" or "https"))
        {
            throw new MediaFetchException(MediaFetchFailure.Transient, "META_ANSWER_WITHOUT_URL");
        }

        var size = json["file_size"]?.ToString() is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
        return new MetaMediaInfo(download, json["mime_type"]?.GetValue<string>() ?? "application/octet-stream", json["sha256"]?.GetValue<string>(), size);
    }

    public async Task<Stream> DownloadAsync(SenderAccount account, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var request = Request(HttpMethod.Get, url, account);
        // The timeout covers the whole body: the caller reads the stream while this token is still armed.
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DownloadTimeout);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token, cancellationToken);
        }
        catch
        {
            timeout.Dispose();
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            using (timeout)
            {
                throw response.StatusCode == HttpStatusCode.NotFound
                    ? new MediaFetchException(MediaFetchFailure.UrlExpired, "DOWNLOAD_URL_EXPIRED")
                    : Failure(response.StatusCode, null, gone: false);
            }
        }

        return new OwnedStream(await response.Content.ReadAsStreamAsync(cancellationToken), response, timeout);
    }

    public async Task<string> UploadAsync(SenderAccount account, Stream content, string mimeType, string? filename, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(mimeType), "type" },
        };
        var file = new StreamContent(content, 81_920);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        form.Add(file, "file", string.IsNullOrEmpty(filename) ? "file" : filename);
        using var request = Request(HttpMethod.Post, new Uri(graph.BaseUrl, $"{graph.Version}/{account.PhoneNumberId}/media"), account);
        request.Content = form;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DownloadTimeout);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token, cancellationToken);
        }
        catch (MediaFetchException ex)
        {
            throw new UnavailableException("Meta's media upload could not be reached; retry.", ex);
        }

        using (response)
        {
            var json = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode && json?["id"]?.ToString() is { Length: > 0 } id)
            {
                return id;
            }

            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new UnavailableException($"Meta's media upload answered HTTP {(int)response.StatusCode}; retry.");
            }

            throw new GraphApiException(ErrorOf(json, response.StatusCode));
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, SenderAccount account)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken timeout, CancellationToken caller)
    {
        try
        {
            return await factory.CreateClient(HttpClientName).SendAsync(request, completion, timeout);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw new MediaFetchException(MediaFetchFailure.Transient, "TIMEOUT");
        }
        catch (HttpRequestException ex) when (ex.InnerException is not MediaAddressRefusedException)
        {
            throw new MediaFetchException(MediaFetchFailure.Transient, $"CONNECTION_{ex.HttpRequestError}".ToUpperInvariant(), ex);
        }
        catch (HttpRequestException ex)
        {
            // A URL pointing into a private network will not change by retrying.
            throw new MediaFetchException(MediaFetchFailure.Refused, "URL_REFUSED", ex);
        }
    }

    private static MediaFetchException Failure(HttpStatusCode status, JsonNode? json, bool gone)
    {
        var code = (int)status;
        if (code >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
        {
            return new MediaFetchException(MediaFetchFailure.Transient, $"HTTP_{code}");
        }

        // A rejected token may be replaced by the tenant before Meta's id expires: worth retrying.
        if (status == HttpStatusCode.Unauthorized || ErrorOf(json, status).Code == 190)
        {
            return new MediaFetchException(MediaFetchFailure.Transient, "TOKEN_REJECTED");
        }

        return new MediaFetchException(gone ? MediaFetchFailure.Gone : MediaFetchFailure.Transient, $"HTTP_{code}");
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static MessageError ErrorOf(JsonNode? json, HttpStatusCode status)
    {
        var error = json?["error"];
        var code = error?["code"] is JsonValue v && v.TryGetValue<int>(out var c) ? c : 0;
        return new MessageError(code, error?["message"]?.ToString() ?? $"HTTP {(int)status}", Details: error?["error_data"]?["details"]?.ToString());
    }

    /// <summary>The connection guard of media downloads: public addresses, and the Graph API's own host.</summary>
    public static SocketsHttpHandler Handler(GraphApiOptions graph, MediaFetchOptions options) => ProviderNetworkGuard.Handler(
        host => options.AllowPrivateNetworks || string.Equals(host, graph.BaseUrl.Host, StringComparison.OrdinalIgnoreCase),
        () => new MediaAddressRefusedException(
            $"A media URL's host has no public address; private addresses are refused unless {MediaFetchOptions.AllowPrivateSetting}=true."));

    /// <summary>A response body that releases its response and timeout with it.</summary>
    private sealed class OwnedStream(Stream inner, HttpResponseMessage response, CancellationTokenSource timeout) : ReadOnlyStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new MediaFetchException(MediaFetchFailure.Transient, "TIMEOUT");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
                timeout.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A media URL named a host with no address PesanAI may connect to.</summary>
public sealed class MediaAddressRefusedException(string message) : Exception(message);
