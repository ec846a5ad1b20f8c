using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PesanAI.Client.Tests;

/// <summary>An OAuth 2.0 token endpoint on loopback that records the forms it receives.</summary>
internal sealed class FakeTokenEndpoint : IAsyncDisposable
{
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requests = new();
    private LoopbackServer? _server;
    private int _received;

    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>The forms received, oldest first.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests => [.. _requests];

    /// <param name="respond">Answers the n-th request (counting from 1).</param>
    public static async Task<FakeTokenEndpoint> StartAsync(Func<int, Task<IResult>> respond)
    {
        var endpoint = new FakeTokenEndpoint();
        endpoint._server = await LoopbackServer.StartAsync(HttpProtocols.Http1, app => app.MapPost("/connect/token", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            endpoint._requests.Enqueue(form.ToDictionary(field => field.Key, field => field.Value.ToString()));
            var result = await respond(Interlocked.Increment(ref endpoint._received));
            await result.ExecuteAsync(context);
        }));
        return endpoint;
    }

    /// <summary>A token endpoint that issues <c>token-1</c>, <c>token-2</c>, ... valid for <paramref name="expiresIn"/>.</summary>
    public static Task<FakeTokenEndpoint> IssuingAsync(TimeSpan expiresIn) =>
        StartAsync(n => Task.FromResult(Token(n, expiresIn)));

    public static IResult Token(int n, TimeSpan expiresIn) =>
        Results.Json(new { access_token = $"token-{n}", token_type = "Bearer", expires_in = (long)expiresIn.TotalSeconds });

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
