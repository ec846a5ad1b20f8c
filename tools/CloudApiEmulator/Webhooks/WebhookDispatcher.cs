using System.Net.Http.Headers;
using System.Threading.Channels;

namespace PesanAI.CloudApiEmulator.Webhooks;

/// <summary>
/// Posts signed webhooks to <see cref="EmulatorOptions.WebhookUrl"/> at least once: a queue drained by a few
/// workers, failed posts re-queued with doubling delays up to <see cref="WebhookDeliveryOptions.MaxAttempts"/>.
/// Senders never wait for it unless they choose to await the returned task.
/// </summary>
internal sealed partial class WebhookDispatcher(EmulatorOptions options, WebhookStats stats, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>();
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private WebhookDeliveryOptions Settings => options.Delivery;

    /// <summary>Queues a post; the task ends with PesanAI's final HTTP status, or null when it never got a 2xx.</summary>
    public Task<int?> Enqueue(byte[] body, byte[] appSecret, int attemptsMade = 0)
    {
        if (options.WebhookUrl is null || attemptsMade >= Settings.MaxAttempts)
        {
            return Task.FromResult<int?>(null);
        }

        var delivery = new Delivery(body, WebhookSigner.Sign(body, appSecret)) { Attempts = attemptsMade };
        _queue.Writer.TryWrite(delivery);
        return delivery.Done.Task;
    }

    /// <summary>One post now, for callers that want PesanAI's answer (simulated customers); retries go to the queue.</summary>
    public async Task<WebhookAttempt> PostNowAsync(byte[] body, byte[] appSecret, CancellationToken cancellationToken)
    {
        if (options.WebhookUrl is null)
        {
            return new WebhookAttempt(null, "no webhook_url configured");
        }

        var attempt = await PostAsync(new Delivery(body, WebhookSigner.Sign(body, appSecret)), cancellationToken);
        if (attempt.Status is not (>= 200 and < 300))
        {
            _ = Enqueue(body, appSecret, attemptsMade: 1);
        }

        return attempt;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, Settings.Concurrency)).Select(_ => WorkAsync(stoppingToken)));

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                delivery.Attempts++;
                var attempt = await PostAsync(delivery, stoppingToken);
                if (attempt.Status is >= 200 and < 300)
                {
                    delivery.Done.TrySetResult(attempt.Status);
                }
                else if (delivery.Attempts >= Settings.MaxAttempts)
                {
                    stats.GaveUp();
                    LogGaveUp(logger, delivery.Attempts, attempt.Status, attempt.Error);
                    delivery.Done.TrySetResult(null);
                }
                else
                {
                    stats.Retried();
                    _ = RetryLaterAsync(delivery, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued posts are dropped, as an emulator may.
        }
    }

    private async Task RetryLaterAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        var delay = Settings.FirstRetryDelay * Math.Pow(2, delivery.Attempts - 1);
        try
        {
            await Task.Delay(delay, stoppingToken);
            _queue.Writer.TryWrite(delivery);
        }
        catch (OperationCanceledException)
        {
            delivery.Done.TrySetResult(null);
        }
    }

    private async Task<WebhookAttempt> PostAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.AttemptTimeout);
        using var content = new ByteArrayContent(delivery.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl) { Content = content };
        request.Headers.TryAddWithoutValidation(WebhookSigner.Header, delivery.Signature);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            stats.Posted((int)response.StatusCode);
            return new WebhookAttempt((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            stats.Posted(null);
            return new WebhookAttempt(null, e is HttpRequestException ? e.Message : "timed out");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook given up after {Attempts} attempts (last status {Status}, {Error})")]
    private static partial void LogGaveUp(ILogger logger, int attempts, int? status, string? error);

    private sealed class Delivery(byte[] body, string signature)
    {
        public byte[] Body { get; } = body;

        public string Signature { get; } = signature;

        public int Attempts { get; set; }

        public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One post: PesanAI's HTTP status, or why there was none.</summary>
public sealed record WebhookAttempt(int? Status, string? Error);
