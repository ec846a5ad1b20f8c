using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PesanAI.Bench;

/// <summary>
/// One PesanAI server's settings, under the configuration keys the host reads (README, Configuration): given in
/// memory to a host in this process, or as environment variables to a host in its own process. Fixed ports, so a
/// restarted server is where the emulator posts its webhooks.
/// </summary>
internal sealed record ServerConfig(string ConnectionString, int GrpcPort, int HttpPort, Uri GraphApi, IReadOnlyDictionary<string, string> Extra)
{
    public const string OperatorClientId = "bench-operator";
    public const string OperatorClientSecret = "bench-operator-secret-0123456789abcdef";

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    public Uri WebhookUrl => new(HttpAddress, "/webhooks/whatsapp");

    /// <summary>Two free loopback ports, chosen before the emulator starts (it needs the webhook URL).</summary>
    public static (int Grpc, int Http) FreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }

    /// <summary>The server's settings for a run: its database (plus <see cref="OutboundOptions.HostNpgsql"/>), ports and Meta's URL.</summary>
    public static ServerConfig For(OutboundOptions options, string connectionString, (int Grpc, int Http) ports, Uri graphApi) => new(
        options.HostNpgsql.Length == 0 ? connectionString : connectionString + ";" + options.HostNpgsql,
        ports.Grpc,
        ports.Http,
        graphApi,
        // With a throughput level the number's level at Meta sets the rate: no override.
        options.Level is null
            ? new Dictionary<string, string> { ["PESANAI_DISPATCH_RATE"] = options.Rate.ToString(CultureInfo.InvariantCulture) }
            : []);

    public ServerConfig With(string key, string value) => this with { Extra = new Dictionary<string, string>(Extra) { [key] = value } };

    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["PESANAI_GRPC_PORT"] = GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["PESANAI_HTTP_PORT"] = HttpPort.ToString(CultureInfo.InvariantCulture),
            ["PESANAI_ISSUER"] = "https://pesanai.bench/",
            ["PESANAI_OPERATOR_CLIENT_ID"] = OperatorClientId,
            ["PESANAI_OPERATOR_CLIENT_SECRET"] = OperatorClientSecret,
            ["PESANAI_GRAPH_API_URL"] = GraphApi.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The same settings as environment variables (a ':' in a key is '__' there).</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment() =>
        Settings().Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value ?? string.Empty));
}
