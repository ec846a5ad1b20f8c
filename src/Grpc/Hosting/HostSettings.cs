namespace PesanAI.Host.Hosting;

/// <summary>
/// The host's settings, read from configuration keys named like the environment variables that
/// `./pesanai` and the README document (PESANAI_GRPC_PORT, ...).
/// </summary>
public sealed record HostSettings(
    int GrpcPort,
    int HttpPort,
    string ListenAddress,
    string Issuer,
    string OperatorClientId,
    string OperatorClientSecret)
{
    public const string DefaultOperatorClientId = "pesanai-operator";
    public const string DefaultOperatorClientSecret = "pesanai-dev-operator-secret";

    public static HostSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var httpPort = configuration.GetValue("PESANAI_HTTP_PORT", 5201);
        return new HostSettings(
            configuration.GetValue("PESANAI_GRPC_PORT", 5200),
            httpPort,
            configuration.GetValue("PESANAI_LISTEN_ADDRESS", "127.0.0.1")!,
            configuration.GetValue("PESANAI_ISSUER", $"http://localhost:{httpPort}/")!,
            configuration.GetValue("PESANAI_OPERATOR_CLIENT_ID", DefaultOperatorClientId)!,
            configuration.GetValue("PESANAI_OPERATOR_CLIENT_SECRET", DefaultOperatorClientSecret)!);
    }

    /// <summary>Outside Development the well-known default operator secret would be an open door.</summary>
    public void EnsureSafeFor(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment() && OperatorClientSecret == DefaultOperatorClientSecret)
        {
            throw new InvalidOperationException(
                "PESANAI_OPERATOR_CLIENT_SECRET is the development default; set a strong secret outside Development.");
        }

        if (OperatorClientSecret.Length < 16)
        {
            throw new InvalidOperationException("PESANAI_OPERATOR_CLIENT_SECRET must be at least 16 characters.");
        }
    }

    public override string ToString() =>
        $"HostSettings {{ GrpcPort = {GrpcPort}, HttpPort = {HttpPort}, ListenAddress = {ListenAddress}, Issuer = {Issuer}, OperatorClientId = {OperatorClientId} }}";
}
