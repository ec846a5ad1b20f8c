using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>
/// Stands in for PesanAI's <c>POST /webhooks/whatsapp</c> on a free port: checks the signature against the
/// secrets it knows, keeps every correctly signed payload, and can be told to fail the next posts.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _failNext;
    private int _badSignatures;
    private int _posts;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Secrets a signature may use; each payload records which one matched.</summary>
    public ConcurrentBag<string> Secrets { get; } = [];

    public int BadSignatures => Volatile.Read(ref _badSignatures);

    public int Posts => Volatile.Read(ref _posts);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        receiver.Secrets.Add(secret);
        app.MapPost("/webhooks/whatsapp", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Urls.Single()), "/webhooks/whatsapp");
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> posts are answered with 500 (and not kept).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Bounded polling: the webhooks are posted asynchronously.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var found = Received.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"expected {count} matching webhooks within 10 s, got {found.Count} of {Received.Count}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        Interlocked.Increment(ref _posts);
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        var header = request.Headers["X-Hub-Signature-256"].ToString();
        var secret = Secrets.FirstOrDefault(s => header == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(s), body)));
        if (secret is null || request.ContentType != "application/json")
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.Unauthorized();
        }

        _received.Enqueue(new ReceivedWebhook(body, JsonDocument.Parse(body).RootElement.Clone(), secret));
        return Results.Ok();
    }
}

/// <summary>One correctly signed webhook: its exact bytes, parsed, and the secret that signed it.</summary>
internal sealed record ReceivedWebhook(byte[] Body, JsonElement Json, string Secret)
{
    public string Field => Json.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("field").GetString()!;

    public JsonElement Value => Json.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value");

    /// <summary>The statuses in this webhook (none for other kinds).</summary>
    public IEnumerable<JsonElement> Statuses =>
        Value.TryGetProperty("statuses", out var statuses) ? statuses.EnumerateArray() : [];

    public bool HasStatus(string wamid, string status) =>
        Statuses.Any(s => s.GetProperty("id").GetString() == wamid && s.GetProperty("status").GetString() == status);
}
