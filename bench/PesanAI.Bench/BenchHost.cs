extern alias client;

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using client::PesanAI.Client;
using client::PesanAI.Protos.Tenants.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PesanAI.Host.Hosting;

namespace PesanAI.Bench;

/// <summary>A tenant with one registered number whose app secret the benchmark knows, as Meta does.</summary>
internal sealed record BenchTenant(string TenantId, string PhoneNumberId, byte[] AppSecret);

/// <summary>
/// The real server (<see cref="PesanAiHost.Build"/>, Production environment) in this process on free loopback
/// ports, over its own database, set up through the operator's gRPC API like any platform operator would.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private const string OperatorClientId = "bench-operator";
    private const string OperatorClientSecret = "bench-operator-secret-0123456789abcdef";

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, ServerLog log, int grpcPort, int httpPort)
    {
        _app = app;
        Log = log;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
    }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    /// <summary>The server's warnings and errors, counted.</summary>
    public ServerLog Log { get; }

    /// <param name="connectionString">The server's database.</param>
    /// <param name="settings">More configuration (e.g. PESANAI_INBOUND_PROCESSOR), over the defaults.</param>
    public static async Task<BenchHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (grpcPort, httpPort) = FreePorts();
        var log = new ServerLog();
        var app = PesanAiHost.Build(["--environment", "Production"], builder =>
        {
            builder.Logging.ClearProviders().AddProvider(log);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["ConnectionStrings:Postgres"] = connectionString,
                ["PESANAI_GRPC_PORT"] = grpcPort.ToString(CultureInfo.InvariantCulture),
                ["PESANAI_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
                ["PESANAI_ISSUER"] = "https://pesanai.bench/",
                ["PESANAI_OPERATOR_CLIENT_ID"] = OperatorClientId,
                ["PESANAI_OPERATOR_CLIENT_SECRET"] = OperatorClientSecret,
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await app.StartAsync();
        return new BenchHost(app, log, grpcPort, httpPort);
    }

    /// <summary>CreateTenant and RegisterPhoneNumber as the platform operator, through src/Client.</summary>
    public Task<BenchTenant> RegisterTenantAsync() => RegisterTenantAsync(GrpcAddress, HttpAddress);

    /// <summary>The same against any server with the bench's operator credential (<see cref="ServerConfig"/>), e.g. a <see cref="ServerProcess"/>.</summary>
    public static async Task<BenchTenant> RegisterTenantAsync(Uri grpcAddress, Uri httpAddress)
    {
        using var http = new HttpClient();
        using var channel = PesanAiChannel.Create(
            new PesanAiClientOptions
            {
                GrpcAddress = grpcAddress,
                TokenEndpointBase = httpAddress,
                ClientId = OperatorClientId,
                ClientSecret = OperatorClientSecret,
                Scopes = ["platform"],
            },
            http);
        var tenants = new TenantService.TenantServiceClient(channel);
        var tenant = await tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Bench" });
        var phoneNumberId = "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var appSecret = "bench-app-secret-" + Guid.NewGuid().ToString("N");
        await tenants.RegisterPhoneNumberAsync(new RegisterPhoneNumberRequest
        {
            TenantId = tenant.Id,
            PhoneNumberId = phoneNumberId,
            DisplayPhoneNumber = "+6281234567890",
            WabaId = "102290129340398",
            AccessToken = "EAAG-bench-access-token",
            AppSecret = appSecret,
            VerifyToken = "bench-verify-" + Guid.NewGuid().ToString("N"),
            Label = "Bench",
        });
        return new BenchTenant(tenant.Id, phoneNumberId, Encoding.UTF8.GetBytes(appSecret));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Two distinct free loopback ports (both held until both are known).</summary>
    private static (int Grpc, int Http) FreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}
