using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PesanAI.FunctionalTests.Automation;

/// <summary>
/// An OpenAI-compatible provider on loopback that thinks as long as the test wants: each
/// <c>POST /v1/chat/completions</c> waits for <see cref="Thinking"/> (e.g. until the test saw "typing…" at Meta),
/// then answers <see cref="Reply"/>.
/// </summary>
internal sealed class SlowChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private SlowChatServer(WebApplication app) => _app = app;

    /// <summary>The base URL with the version path, as a tenant configures it.</summary>
    public string V1 { get; private set; } = string.Empty;

    public required Func<CancellationToken, Task> Thinking { get; init; }

    public required string Reply { get; init; }

    public int Requests => _requests;

    public static async Task<SlowChatServer> StartAsync(Func<CancellationToken, Task> thinking, string reply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SlowChatServer(app) { Thinking = thinking, Reply = reply };
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.V1 = address.TrimEnd('/') + "/v1";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task CompleteAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        await Thinking(context.RequestAborted);
        await context.Response.WriteAsJsonAsync(
            new
            {
                id = "chatcmpl-slow",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = request.RootElement.GetProperty("model").GetString(),
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Reply }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 100, completion_tokens = 10, total_tokens = 110 },
            },
            context.RequestAborted);
    }
}
