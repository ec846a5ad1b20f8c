extern alias client;

using System.Net;
using System.Net.Sockets;
using client::PesanAI.Client;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PesanAI.Host.Hosting;
using PesanAI.TestBed;

namespace PesanAI.FunctionalTests;

/// <summary>
/// The real host on real loopback ports over a fresh PostgreSQL database, one per test class.
/// Tests call it the way partners do: a token from /connect/token, then gRPC over h2c.
/// </summary>
public sealed class PesanAiApp : IAsyncLifetime
{
    public const string OperatorClientId = "test-operator";
    public const string OperatorClientSecret = "test-operator-secret-0123456789";

    private readonly PostgresDatabase _database = new();
    private readonly List<IDisposable> _owned = [];
    private WebApplication? _app;
    private WebApplication? _emulator;

    private const int StartAttempts = 5;

    public int GrpcPort { get; private set; }

    public int HttpPort { get; private set; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>Fixed, as in production, so tokens are valid on every node of the same database.</summary>
    public string Issuer => "https://pesanai.test/";

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>The server's admin role on this database (bypasses row-level security): for tests that look underneath.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>What the host connects as: the database's owner, no superuser, subject to row-level security, as in production.</summary>
    public string HostConnectionString { get; private set; } = string.Empty;

    /// <summary>The Cloud API emulator this host sends to (and that posts its webhooks to this host).</summary>
    public Uri EmulatorAddress { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>Set before <see cref="InitializeAsync"/> to change the emulator's behaviour (limits, faults, delays).</summary>
    public Action<PesanAI.CloudApiEmulator.EmulatorOptions>? ConfigureEmulator { get; init; }

    /// <summary>An extra logging provider of the host (to read what it logs).</summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>Set before <see cref="InitializeAsync"/> to route the host's database connections (e.g. through an <see cref="OutageProxy"/>).</summary>
    public Func<string, Task<string>>? RouteHostConnection { get; init; }

    /// <summary>The host's clock, when a test moves time (e.g. <see cref="ShiftedClock"/>); the system clock otherwise.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Extra host settings (e.g. the dispatcher's rate).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        HostConnectionString = await _database.OwnerConnectionStringAsync();
        if (RouteHostConnection is not null)
        {
            HostConnectionString = await RouteHostConnection(HostConnectionString);
        }

        // Ports are picked free, then bound a moment later: another process (any outgoing connection takes an
        // ephemeral port) may take one in between. Then pick again.
        for (var attempt = 1; ; attempt++)
        {
            (GrpcPort, HttpPort) = FreePorts();
            try
            {
                await StartAsync();
                return;
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < StartAttempts)
            {
                await StopAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.StopAsync();
            await _emulator.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task StartAsync()
    {
        var emulatorOptions = new PesanAI.CloudApiEmulator.EmulatorOptions
        {
            Url = "http://127.0.0.1:0",
            WebhookUrl = new Uri(HttpAddress, "/webhooks/whatsapp"),
        };
        ConfigureEmulator?.Invoke(emulatorOptions);
        _emulator = PesanAI.CloudApiEmulator.EmulatorHost.Build(emulatorOptions, ["--Logging:LogLevel:Default=Warning"]);
        EmulatorAddress = await PesanAI.CloudApiEmulator.EmulatorHost.StartAsync(_emulator);
        _app = BuildNode(GrpcPort, HttpPort);
        await _app.StartAsync();
    }

    private async Task StopAsync()
    {
        // Hosted services that started before the failed bind (the event store's daemon, the dispatcher) stop too.
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        if (_emulator is not null)
        {
            await _emulator.StopAsync();
            await _emulator.DisposeAsync();
            _emulator = null;
        }
    }

    /// <summary>A second server on the same database (another node, or the same one after a restart).</summary>
    public async Task<(WebApplication Node, Uri GrpcAddress)> StartAnotherNodeAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (grpcPort, httpPort) = FreePorts();
        var node = BuildNode(grpcPort, httpPort, settings);
        await node.StartAsync();
        return (node, new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    private WebApplication BuildNode(int grpcPort, int httpPort, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["PESANAI_GRAPH_API_URL"] = EmulatorAddress.ToString(),
            ["PESANAI_GRAPH_API_TIMEOUT_SECONDS"] = "2",
            ["PESANAI_AI_QUIET_MS"] = "300",
            ["ConnectionStrings:Postgres"] = HostConnectionString,
            ["PESANAI_GRPC_PORT"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PESANAI_HTTP_PORT"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PESANAI_ISSUER"] = Issuer,
            ["PESANAI_OPERATOR_CLIENT_ID"] = OperatorClientId,
            ["PESANAI_OPERATOR_CLIENT_SECRET"] = OperatorClientSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? Settings)
        {
            configuration[key] = value;
        }

        return PesanAiHost.Build(["--environment", "Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            if (Clock is not null)
            {
                builder.Services.AddSingleton(Clock);
            }

            if (LoggerProvider is not null)
            {
                builder.Logging.AddProvider(LoggerProvider);
            }
        });
    }

    /// <summary>A TenantService client authenticated as the platform operator through the PesanAI.Client helper.</summary>
    public TenantService.TenantServiceClient OperatorTenants() => new(OperatorChannel());

    public GrpcChannel OperatorChannel()
    {
        var http = Own(new HttpClient());
        return Own(PesanAiChannel.Create(
            new PesanAiClientOptions
            {
                GrpcAddress = GrpcAddress,
                TokenEndpointBase = HttpAddress,
                ClientId = OperatorClientId,
                ClientSecret = OperatorClientSecret,
                Scopes = ["platform"],
            },
            http));
    }

    /// <summary>A channel whose calls carry exactly the given authorization header (or none).</summary>
    public GrpcChannel RawChannel() => Own(GrpcChannel.ForAddress(GrpcAddress));

    public HttpClient Http() => Own(new HttpClient { BaseAddress = HttpAddress });

    /// <summary>
    /// Waits until the ingest processor has settled every webhook this host acknowledged (the queue has none pending):
    /// what a test waits for after the emulator posted a webhook, since the events come after the 200.
    /// </summary>
    public async Task UntilInboundProcessedAsync()
    {
        var deadline = DateTimeOffset.UtcNow + Inbound.InboundQueueProbe.Deadline;
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"select count(*) from {Inbound.InboundQueueProbe.Table} where processed_at is null", connection);
        while ((long)(await command.ExecuteScalarAsync())! > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Acknowledged webhooks were not processed within {Inbound.InboundQueueProbe.Deadline.TotalSeconds} s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Plain HTTP to the emulator (its /_emulator admin and inspection endpoints).</summary>
    public HttpClient Emulator() => Own(new HttpClient { BaseAddress = EmulatorAddress });

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
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
