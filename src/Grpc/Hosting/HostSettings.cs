using System.ComponentModel.DataAnnotations;
using System.Net;
using PesanAI.Infrastructure;

namespace PesanAI.Host.Hosting;

/// <summary>
/// The host's settings, read from configuration keys named like the environment variables that
/// `./pesanai` and the README document (PESANAI_GRPC_PORT, ...). Read before the service provider exists
/// (<see cref="From"/>): the listeners and the token issuer are set up from them.
/// </summary>
public sealed class HostSettings : IValidatableObject
{
    public const string DefaultOperatorClientId = "pesanai-operator";
    public const string DefaultOperatorClientSecret = "pesanai-dev-operator-secret";

    [ConfigurationKeyName("PESANAI_GRPC_PORT")]
    [Range(0, 65_535, ErrorMessage = "PESANAI_GRPC_PORT must be between 0 and 65535 (0: any free port).")]
    public int GrpcPort { get; set; } = 5200;

    [ConfigurationKeyName("PESANAI_HTTP_PORT")]
    [Range(0, 65_535, ErrorMessage = "PESANAI_HTTP_PORT must be between 0 and 65535 (0: any free port).")]
    public int HttpPort { get; set; } = 5201;

    [ConfigurationKeyName("PESANAI_LISTEN_ADDRESS")]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Unset: <c>http://localhost:{HttpPort}/</c> (see <see cref="Issuer"/>).</summary>
    [ConfigurationKeyName("PESANAI_ISSUER")]
    public string? ConfiguredIssuer { get; set; }

    public string Issuer => ConfiguredIssuer is { Length: > 0 } issuer ? issuer : $"http://localhost:{HttpPort}/";

    [ConfigurationKeyName("PESANAI_OPERATOR_CLIENT_ID")]
    [Required(ErrorMessage = "PESANAI_OPERATOR_CLIENT_ID must not be empty.")]
    public string OperatorClientId { get; set; } = DefaultOperatorClientId;

    [ConfigurationKeyName("PESANAI_OPERATOR_CLIENT_SECRET")]
    [MinLength(16, ErrorMessage = "PESANAI_OPERATOR_CLIENT_SECRET must be at least 16 characters.")]
    public string OperatorClientSecret { get; set; } = DefaultOperatorClientSecret;

    /// <summary>Binds and validates the settings (an invalid one throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>).</summary>
    public static HostSettings From(IConfiguration configuration) => Settings.Read<HostSettings>(configuration);

    /// <summary>Outside Development the well-known default operator secret would be an open door.</summary>
    public void EnsureSafeFor(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment() && OperatorClientSecret == DefaultOperatorClientSecret)
        {
            throw new InvalidOperationException(
                "PESANAI_OPERATOR_CLIENT_SECRET is the development default; set a strong secret outside Development.");
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            yield return new ValidationResult("PESANAI_LISTEN_ADDRESS must be an IP address (127.0.0.1, 0.0.0.0, ::).", [nameof(ListenAddress)]);
        }

        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttp && issuer.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("PESANAI_ISSUER must be an absolute http or https URL.", [nameof(ConfiguredIssuer)]);
        }
    }

    public override string ToString() =>
        $"HostSettings {{ GrpcPort = {GrpcPort}, HttpPort = {HttpPort}, ListenAddress = {ListenAddress}, Issuer = {Issuer}, OperatorClientId = {OperatorClientId} }}";
}
