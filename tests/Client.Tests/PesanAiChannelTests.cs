using System.Buffers.Binary;
using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PesanAI.Protos.Tenants.V1;

namespace PesanAI.Client.Tests;

public sealed class PesanAiChannelTests
{
    [Fact]
    public async Task Calls_over_plaintext_http2_carry_the_bearer_token()
    {
        await using var tokenEndpoint = await FakeTokenEndpoint.IssuingAsync(TimeSpan.FromHours(1));
        var authorizations = new ConcurrentQueue<string>();
        await using var grpcServer = await LoopbackServer.StartAsync(HttpProtocols.Http2, app =>
            app.MapPost("/pesanai.tenants.v1.TenantService/GetTenant", async context =>
            {
                authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
                await WriteUnaryResponseAsync(context, new Tenant { Id = "0199a4c2-7f3e-7b10-9c1d-2a6f1e0b5d41" });
            }));
        using var http = new HttpClient();
        var options = new PesanAiClientOptions
        {
            GrpcAddress = grpcServer.BaseAddress,
            TokenEndpointBase = tokenEndpoint.BaseAddress,
            ClientId = "partner-42",
            ClientSecret = "s3cret",
        };
        using var channel = PesanAiChannel.Create(options, http);
        var client = new TenantService.TenantServiceClient(channel);

        var tenant = await client.GetTenantAsync(new GetTenantRequest { Id = "0199a4c2-7f3e-7b10-9c1d-2a6f1e0b5d41" });
        await client.GetTenantAsync(new GetTenantRequest { Id = "0199a4c2-7f3e-7b10-9c1d-2a6f1e0b5d41" });

        Assert.Equal("0199a4c2-7f3e-7b10-9c1d-2a6f1e0b5d41", tenant.Id);
        Assert.Equal(["Bearer token-1", "Bearer token-1"], authorizations);
        Assert.Single(tokenEndpoint.Requests);
    }

    [Fact]
    public void Options_never_print_the_client_secret()
    {
        var options = new PesanAiClientOptions
        {
            GrpcAddress = new Uri("https://api.pesanai.example"),
            TokenEndpointBase = new Uri("https://api.pesanai.example"),
            ClientId = "partner-42",
            ClientSecret = "s3cret",
        };

        Assert.DoesNotContain("s3cret", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("partner-42", options.ToString(), StringComparison.Ordinal);
    }

    // A unary gRPC response by hand: one length-prefixed message, then grpc-status in the trailers.
    private static async Task WriteUnaryResponseAsync(HttpContext context, IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame, 5);

        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(frame);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
