using System.Net;
using System.Net.Sockets;
using PesanAI.Infrastructure.Media;
using PesanAI.Infrastructure.WhatsApp.Graph;

namespace PesanAI.Infrastructure.UnitTests.Graph;

/// <summary>Download URLs come from Meta's answers: PesanAI follows them only to public addresses and to the Graph API's own host.</summary>
public sealed class MediaDownloadGuardTests
{
    [Fact]
    public async Task A_url_into_a_private_network_is_refused_before_any_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var graph = new GraphApiOptions { BaseUrl = new Uri("https://graph.example.com/") };
        using var http = new HttpClient(GraphMediaClient.Handler(graph, new MediaFetchOptions()));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{port}/whatsapp_business/attachments/")));

        Assert.IsType<MediaAddressRefusedException>(refused.InnerException);
        Assert.False(listener.Pending());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_graph_apis_own_host_or_an_operators_allowance_lets_a_private_address_through(bool graphIsThere)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var graph = new GraphApiOptions { BaseUrl = new Uri(graphIsThere ? $"http://127.0.0.1:{port}/" : "https://graph.example.com/") };
        using var http = new HttpClient(GraphMediaClient.Handler(graph, new MediaFetchOptions { AllowPrivateNetworks = !graphIsThere }));
        using var stop = new CancellationTokenSource();

        var request = http.GetAsync(new Uri($"http://127.0.0.1:{port}/whatsapp_business/attachments/"), stop.Token);
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();

        Assert.True(accepted.Connected);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }
}
