using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Infrastructure.Ai;

namespace PesanAI.FunctionalTests.Automation;

/// <summary>The host's AI client refuses a tenant's base URL on its own network (SSRF) unless the operator allows it.</summary>
public sealed class AiProviderNetworkTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public async Task The_hosts_AI_client_does_not_connect_to_a_loopback_provider_by_default()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(AiResponder.HttpClientName);
        http.Timeout = TimeSpan.FromSeconds(5);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/chat/completions")));

        Assert.Contains(ProviderNetworkGuard.AllowPrivateSetting, refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }
}
