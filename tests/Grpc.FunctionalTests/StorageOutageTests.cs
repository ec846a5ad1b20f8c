extern alias client;

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using client::PesanAI.Protos.Tenants.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PesanAI.TestBed;

namespace PesanAI.FunctionalTests;

/// <summary>
/// PostgreSQL goes away mid-test (the host's connections run through a proxy the test cuts; the shared server keeps
/// serving other classes): callers are told to retry, in gRPC's and OAuth's terms, without internals, and the same
/// calls work again once it is back.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly PesanAiApp _app;
    private readonly HostErrors _errors = new();
    private OutageProxy? _proxy;

    public StorageOutageTests()
    {
        _app = new PesanAiApp
        {
            LoggerProvider = _errors,
            RouteHostConnection = async connectionString =>
            {
                (_proxy, var routed) = await OutageProxy.StartAsync(connectionString);
                return routed;
            },
        };
    }

    private OutageProxy Proxy => _proxy ?? throw new InvalidOperationException("The host is not started.");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        Proxy.Restore();
        await _app.DisposeAsync();
        await Proxy.DisposeAsync();
    }

    [Fact]
    public async Task During_an_outage_calls_are_unavailable_with_retry_advice_and_work_again_after_it()
    {
        using var http = _app.Http();
        var tenants = new TenantService.TenantServiceClient(_app.RawChannel());
        var token = await TokenAsync(http);
        await tenants.ListTenantsAsync(new ListTenantsRequest(), Bearer(token));

        Proxy.Cut();

        // Checking the token's entry is the first thing that needs the database, before any service code runs.
        var refused = await RpcAssert.Fails(StatusCode.Unavailable,
            () => tenants.ListTenantsAsync(new ListTenantsRequest(), Bearer(token)).ResponseAsync);
        var retry = refused.GetRpcStatus()?.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        Assert.DoesNotContain("Npgsql", refused.Status.Detail, StringComparison.OrdinalIgnoreCase);

        using var tokenRefused = await http.PostAsync("/connect/token", TokenForm());
        var body = await tokenRefused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tokenRefused.StatusCode);
        Assert.NotNull(tokenRefused.Headers.RetryAfter);
        using (var error = JsonDocument.Parse(body))
        {
            Assert.Equal("temporarily_unavailable", error.RootElement.GetProperty("error").GetString());
            Assert.Equal(
                ["error", "error_description"],
                error.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        foreach (var internals in new[] { "Npgsql", "Exception", "Socket", "   at ", "127.0.0.1" })
        {
            Assert.DoesNotContain(internals, body, StringComparison.OrdinalIgnoreCase);
        }

        // Meta's webhook: the routes behind its signature are looked up in the store first; Meta must retry later.
        using (var webhook = await http.PostAsync("/webhooks/whatsapp", Webhook()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
            Assert.NotNull(webhook.Headers.RetryAfter);
        }

        Proxy.Restore();

        using (var webhook = await http.PostAsync("/webhooks/whatsapp", Webhook()))
        {
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
        }

        var again = await TokenAsync(http);
        await _errors.Explain(() => tenants.ListTenantsAsync(new ListTenantsRequest(), Bearer(token)).ResponseAsync);
        await _errors.Explain(() => tenants.ListTenantsAsync(new ListTenantsRequest(), Bearer(again)).ResponseAsync);
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/connect/token", TokenForm());
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A well-formed delivery for a number nobody registered, with a signature no secret makes.</summary>
    private static StringContent Webhook()
    {
        var content = new StringContent(
            """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001","phone_number_id":"990001112223"},"messages":[]}}]}]}""",
            System.Text.Encoding.UTF8,
            "application/json");
        content.Headers.Add("X-Hub-Signature-256", "sha256=" + new string('0', 64));
        return content;
    }

    private static FormUrlEncodedContent TokenForm() => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = PesanAiApp.OperatorClientId,
        ["client_secret"] = PesanAiApp.OperatorClientSecret,
        ["scope"] = "platform",
    });

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    /// <summary>
    /// The host's errors, so that a call failing after the outage says why in the test's own failure message (the
    /// host answers INTERNAL without internals, by design).
    /// </summary>
    private sealed class HostErrors : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public async Task Explain(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (RpcException e)
            {
                throw new Xunit.Sdk.XunitException($"{e.Status} after the outage; the host logged:\n{string.Join("\n", _lines)}");
            }
        }

        public ILogger CreateLogger(string categoryName) => new Capture(_lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Capture(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
