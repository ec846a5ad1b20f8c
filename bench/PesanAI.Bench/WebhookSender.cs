using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace PesanAI.Bench;

/// <summary>
/// Meta's side of the webhook: POSTs signed bodies over HTTP/1.1 keep-alive connections (one per concurrent
/// sender), and counts every answer that is not 200 by its status (0: no answer at all).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly ConcurrentDictionary<int, int> _failures = new();

    public WebhookSender(Uri httpAddress, int connections)
    {
        _endpoint = new Uri(httpAddress, "/webhooks/whatsapp");
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
        })
        {
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Non-200 answers so far, by status code; taken and reset.</summary>
    public IReadOnlyDictionary<int, int> TakeFailures()
    {
        var taken = new SortedDictionary<int, int>(_failures);
        _failures.Clear();
        return taken;
    }

    public Task<bool> PostAsync(Delivery delivery) => PostAsync(delivery, delivery.Signature, HttpStatusCode.OK);

    /// <summary>The same body under a wrong signature: done when refused with 401 (the server reads, routes and checks it, stores nothing).</summary>
    public Task<bool> PostBadlySignedAsync(Delivery delivery) => PostAsync(delivery, "sha256=" + new string('0', 64), HttpStatusCode.Unauthorized);

    private async Task<bool> PostAsync(Delivery delivery, string signature, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(delivery.Body);
        content.Headers.ContentType = Json;
        content.Headers.Add("X-Hub-Signature-256", signature);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        try
        {
            using var response = await _http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (response.StatusCode == expected)
            {
                return true;
            }

            _failures.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _failures.AddOrUpdate(0, 1, (_, n) => n + 1);
            return false;
        }
    }

    /// <summary>
    /// What Meta does with a failed delivery: send it again later, spread out in time (here: one at a time).
    /// Done after the measured phase, so it adds nothing to its time; returns how many POSTs that took, and
    /// throws if some never got a 200.
    /// </summary>
    public async Task<int> RedeliverAsync(IReadOnlyList<Delivery> failed)
    {
        var pending = failed.ToList();
        var posts = 0;
        for (var round = 1; pending.Count > 0; round++)
        {
            if (round > 5)
            {
                throw new InvalidOperationException($"{pending.Count} webhook(s) were still refused after 5 redeliveries.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * round));
            posts += pending.Count;
            var timings = await LoadRunner.RunAsync(pending.Count, 1, i => PostAsync(pending[i]));
            pending = [.. timings.Failed.Select(i => pending[i])];
        }

        return posts;
    }

    public void Dispose() => _http.Dispose();
}
