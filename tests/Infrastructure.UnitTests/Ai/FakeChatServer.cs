using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PesanAI.Infrastructure.UnitTests.Ai;

/// <summary>What the fake server answers to the next chat completion.</summary>
internal sealed record FakeCompletion(
    string? Content,
    int PromptTokens = 120,
    int CompletionTokens = 15,
    string FinishReason = "stop",
    int Status = 200,
    TimeSpan Delay = default);

/// <summary>A request the fake server received.</summary>
internal sealed record ReceivedRequest(string Path, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The contents of the chat's messages, in order, with their roles.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        [.. Json.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, Content(m.GetProperty("content"))))];

    private static string Content(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
}

/// <summary>
/// An OpenAI-compatible chat-completions endpoint on loopback (<c>POST /v1/chat/completions</c>) answering canned
/// JSON with usage; it can delay, fail with a status, or answer empty, over-long or hand-off text.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private FakeChatServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>The OpenAI-compatible base URL (with the version path).</summary>
    public string V1 => new Uri(BaseAddress, "v1").ToString();

    public FakeCompletion Next { get; set; } = new("Halo!");

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.Complete);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Complete(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _received.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
        var next = Next;
        if (next.Delay > TimeSpan.Zero)
        {
            await Task.Delay(next.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = next.Status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(next.Status == 200 ? Completion(next, body) : Error(next.Status), context.RequestAborted);
    }

    private static byte[] Completion(FakeCompletion next, string request)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", "chatcmpl-fake");
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", 1_700_000_000);
            json.WriteString("model", JsonDocument.Parse(request).RootElement.GetProperty("model").GetString());
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", next.Content);
            json.WriteEndObject();
            json.WriteString("finish_reason", next.FinishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", next.PromptTokens);
            json.WriteNumber("completion_tokens", next.CompletionTokens);
            json.WriteNumber("total_tokens", next.PromptTokens + next.CompletionTokens);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static byte[] Error(int status) =>
        Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"fake failure " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\",\"type\":\"server_error\",\"code\":null}}");
}
